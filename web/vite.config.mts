import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The web app is built into web/dist, which the API serves (api/static-web.ts). It imports the
// pure rules and zod schemas from ../domain, so forms validate exactly as the API does.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      // antd marks its modules "use client" (for React Server Components); meaningless in this SPA.
      onwarn(warning, warn) { if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning); },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/email-actions': 'http://localhost:3000' } },
});
