import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where Vite builds the web app (`npm run build:web`, run by `npm install`). */
export const WEB_DIST = resolve(__dirname, '..', 'web', 'dist');

/**
 * Serves the built web app and answers every other browser path with its index.html, so deep links
 * (/tasks/…, /budget-requests/… from e-mails) open the right page. /api and e-mail links are not touched.
 */
export function webApp(dir = WEB_DIST): Router {
  const router = Router();
  const index = join(dir, 'index.html');
  // Built assets carry a content hash in their names, so they can be cached for good.
  router.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d' }));
  router.use(express.static(dir, { index: false }));
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/api' || req.path.startsWith('/api/') || req.path.startsWith('/email-actions') || req.path.startsWith('/assets/')) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').send('网页端尚未构建，请运行 npm run build:web / the web app is not built: run `npm run build:web`');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return router;
}
