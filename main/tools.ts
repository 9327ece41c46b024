import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..');

/** Finds a binary: the explicit env var, then PATH, then the project's .tools folder (npm install puts it there). */
export function findBinary(name: 'temporal' | 'temporal-test-server', envVar: string): string | undefined {
  const explicit = process.env[envVar];
  if (explicit) return explicit;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  const local = join(PROJECT_ROOT, '.tools', 'temporal', 'bin', name);
  return existsSync(local) ? local : undefined;
}
