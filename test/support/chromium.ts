import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../../main/tools';

/** How to launch the Chromium the browser tests drive. */
export interface ChromiumLaunch { executablePath: string; args: string[]; env?: Record<string, string>; source: string }

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const COMMON_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/**
 * Flags of `@sparticuz/chromium` that fit AWS Lambda but not these tests: Playwright runs the
 * headless mode itself, one process per page is what a user's browser does, and disabling web
 * security would hide the same-origin and CSP behaviour the tests check.
 */
const LAMBDA_ONLY = /^--(single-process|headless|disable-web-security|allow-running-insecure-content)/;

/**
 * The Chromium for browser tests: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`, else the one
 * inside the npm package `@sparticuz/chromium` (so `npm install && npm test` needs no apt step).
 * `CHROMIUM_PATH=npm` picks the npm one even where a system Chromium exists.
 */
export function findChromium(): ChromiumLaunch {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit && explicit !== 'npm') {
    if (!existsSync(explicit)) throw new Error(`CHROMIUM_PATH=${explicit} does not exist`);
    return { executablePath: explicit, args: COMMON_FLAGS, source: explicit };
  }
  if (!explicit && existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, args: COMMON_FLAGS, source: SYSTEM_CHROMIUM };
  return npmChromium();
}

/**
 * Unpacks `@sparticuz/chromium` once into `.tools/chromium/<version>` and launches it with only the
 * fonts of that package (a fontconfig of its own): pages must bring their own CJK webfont, exactly
 * as on a machine without any system fonts.
 */
function npmChromium(): ChromiumLaunch {
  const packageDir = join(dirname(require.resolve('@sparticuz/chromium')), '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const root = join(PROJECT_ROOT, '.tools', 'chromium');
  const dir = join(root, version);
  if (!existsSync(join(dir, 'launch.json'))) unpack(root, dir);
  const { args } = JSON.parse(readFileSync(join(dir, 'launch.json'), 'utf8')) as { args: string[] };
  return {
    executablePath: join(dir, 'chromium'),
    args: [...new Set([...args.filter((a) => !LAMBDA_ONLY.test(a)), ...COMMON_FLAGS])],
    env: { FONTCONFIG_FILE: join(dir, 'fonts.conf') },
    source: `@sparticuz/chromium ${version}`,
  };
}

/**
 * The package unpacks into the temp folder (`TMPDIR`), so a child process with TMPDIR pointing at a
 * staging folder does it (the package is ESM, which jest's module loader cannot import); the folder
 * is then renamed into place, so parallel test files never see half an unpacked browser.
 */
function unpack(root: string, dir: string): void {
  mkdirSync(root, { recursive: true });
  const staging = mkdtempSync(join(root, 'unpacking-'));
  try {
    const script = `const c = (await import('@sparticuz/chromium')).default;
      const path = await c.executablePath();
      process.stdout.write(JSON.stringify({ path, args: c.args }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: PROJECT_ROOT, env: { ...process.env, TMPDIR: staging }, encoding: 'utf8' });
    const { path, args } = JSON.parse(out) as { path: string; args: string[] };
    if (path !== join(staging, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${path}, expected ${staging}`);
    // Only the package's own fonts (its fonts.conf names the Lambda path /tmp/fonts).
    writeFileSync(join(staging, 'fonts.conf'), `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>${join(dir, 'fonts', 'fonts')}</dir><cachedir>${join(dir, 'fonts-cache')}</cachedir></fontconfig>
`);
    writeFileSync(join(staging, 'launch.json'), JSON.stringify({ args }));
    try {
      renameSync(staging, dir);
    } catch (err) {
      if (!existsSync(join(dir, 'launch.json'))) throw err; // another test file unpacked it first
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
