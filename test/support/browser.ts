import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, BrowserContext, Page } from 'playwright-core';
import { WEB_DIST } from '../../api/static-web';
import { PROJECT_ROOT } from '../../main/tools';
import { DEMO_PASSWORD } from '../../prisma/seed';
import { startStack, Stack } from './stack';
import { findChromium } from './chromium';

export const SCREENSHOTS = join(PROJECT_ROOT, 'test-artifacts', 'screenshots');

/** Builds the web app once if it is missing (npm install builds it; a fresh checkout in a test run may not have). */
function ensureWebBuilt(): void {
  if (existsSync(join(WEB_DIST, 'index.html'))) return;
  execFileSync('npm', ['run', 'build:web'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
}

/**
 * The real stack (database, worker, API, SMTP) with its server also serving the built web app, and a
 * real headless Chromium with a fresh profile of its own. Every Content-Security-Policy violation a
 * page reports is collected in `cspViolations`; `stop()` fails the test file if there was any.
 */
export async function startBrowserStack() {
  ensureWebBuilt();
  const browser = findChromium();
  const stack = await startStack();
  const profile = mkdtempSync(join(tmpdir(), 'approvals-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: browser.executablePath, args: browser.args, ...(browser.env ? { env: { ...process.env, ...browser.env } as Record<string, string> } : {}),
    headless: true, acceptDownloads: true, locale: 'zh-CN', viewport: { width: 1440, height: 900 },
  });
  const cspViolations: string[] = [];
  await context.exposeBinding('reportCspViolation', (_source, v: string) => { cspViolations.push(v); });
  await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
    window.reportCspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' on ' + e.documentURI))`);
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    stack, context, page, cspViolations, chromium: browser.source,
    url: (path: string) => `${stack.origin}${path}`,
    async stop() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      await stack.stop();
      if (cspViolations.length) throw new Error(`Content-Security-Policy violations:\n${cspViolations.join('\n')}`);
    },
  };
}

export type BrowserStack = Awaited<ReturnType<typeof startBrowserStack>> & { stack: Stack };

/** Saves a full-page screenshot into test-artifacts/screenshots/, once the webfont subsets the page asked for have arrived. */
export async function shot(page: Page, name: string) {
  await page.evaluate('document.fonts.ready');
  return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Opens the inbox until the task of `number` is there (the workflow opens it just after the previous decision). */
export async function openTaskRow(b: BrowserStack, page: Page, number: string) {
  for (let i = 0; i < 60; i++) {
    await page.goto(b.url('/tasks'));
    await page.getByTestId('inbox').waitFor();
    await page.waitForLoadState('networkidle');
    const row = page.locator(`tr[data-request="${number}"]`);
    if (await row.count()) return row;
    await page.waitForTimeout(250);
  }
  throw new Error(`no task for ${number} in the inbox`);
}

/** Signs `username` in and decides the task of `number` in the inbox, filling the fields the step asks for. */
export async function decideInInbox(b: BrowserStack, username: string, number: string, action: string, fields: Record<string, string> = {}) {
  const page = await loginAs(b, username);
  const row = await openTaskRow(b, page, number);
  await row.getByTestId(`decide-${action}`).click();
  const modal = page.locator('.ant-modal');
  await modal.waitFor();
  for (const [testId, value] of Object.entries(fields)) await modal.getByTestId(testId).fill(value);
  await modal.getByTestId('decision-submit').click();
  await page.locator(`tr[data-request="${number}"]`).waitFor({ state: 'detached' });
  return page;
}

/** Signs out whoever is signed in and signs `username` in through the login page. */
export async function loginAs(b: BrowserStack, username: string): Promise<Page> {
  const { page } = b;
  await page.goto(b.url('/login'));
  await page.evaluate('localStorage.clear()');
  await page.goto(b.url('/login'));
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
  return page;
}
