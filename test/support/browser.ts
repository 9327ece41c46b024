import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, BrowserContext, Locator, Page } from 'playwright-core';
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

// ---- viewports (issue 13): the same flows at a phone's size and at a desktop's ----

/** A phone (390×844, an iPhone 12–15) and a desktop; every main flow runs at both. */
export const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } } as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** Resizes the page to one of the two sizes (the antd breakpoints follow on the next render). */
export async function useViewport(page: Page, name: ViewportName): Promise<void> {
  await page.setViewportSize(VIEWPORTS[name]);
}

/**
 * The page has no horizontal overflow: the document is no wider than the viewport. On failure it
 * names the widest elements that stick out, so the cause is visible in the test output.
 */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  // A string, not a function: the test project compiles without the DOM library.
  const r = await page.evaluate<{ vw: number; sw: number; culprits: string[] }>(`(() => {
    const vw = document.documentElement.clientWidth;
    const sw = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    const culprits = sw <= vw ? [] : Array.from(document.querySelectorAll('body *'))
      .map((e) => ({ e, right: e.getBoundingClientRect().right }))
      .filter((x) => x.right > vw + 1)
      .slice(0, 5)
      .map((x) => x.e.tagName.toLowerCase() + '.' + String(x.e.className).split(' ').slice(0, 2).join('.') + ' right=' + Math.round(x.right));
    return { vw, sw, culprits };
  })()`);
  if (r.sw > r.vw) throw new Error(`document is ${r.sw}px wide in a ${r.vw}px viewport: ${r.culprits.join('; ')}`);
}

/** Every visible match of `locator` lies wholly inside the viewport once scrolled to (nothing cut off at the edge). */
export async function expectInsideViewport(page: Page, locator: Locator): Promise<void> {
  const { width, height } = page.viewportSize()!;
  const n = await locator.count();
  if (!n) throw new Error(`nothing matches ${locator}`);
  for (let i = 0; i < n; i++) {
    const el = locator.nth(i);
    if (!(await el.isVisible())) continue;
    await el.scrollIntoViewIfNeeded();
    const box = (await el.boundingBox())!;
    if (box.x < 0 || box.y < 0 || box.x + box.width > width + 0.5 || box.y + box.height > height + 0.5) {
      throw new Error(`${locator} #${i} at x=${box.x} y=${box.y} w=${box.width} h=${box.height} is not inside ${width}×${height}`);
    }
  }
}

/** A screenshot named for the viewport: test-artifacts/screenshots/<name>-<phone|desktop>.png. */
export const shotAt = (page: Page, name: string, viewport: ViewportName) => shot(page, `${name}-${viewport}`);

/** Goes to a section the way a user does: the drawer menu on a phone, the header menu on a desktop (opening its overflow … when folded). */
export async function navigate(page: Page, vp: ViewportName, label: string) {
  if (vp === 'phone') {
    await page.getByTestId('menu-button').click();
    const item = page.locator('.ant-drawer').getByRole('menuitem', { name: label, exact: true });
    await item.click();
    await item.waitFor({ state: 'hidden' });
  } else {
    // The header folds its last sections into an overflow menu (…) when it runs out of room. It
    // measures after the first paint, so an item seen in the header may fold a moment later: retry.
    const header = page.locator('.app-header');
    const inHeader = header.getByRole('menuitem', { name: label, exact: true });
    const inPopup = page.locator('.ant-menu-submenu-popup').getByRole('menuitem', { name: label, exact: true });
    await header.locator('.ant-menu').waitFor();
    for (let attempt = 0; ; attempt++) {
      try {
        if (await inHeader.isVisible()) { await inHeader.click({ timeout: 5_000 }); return; }
        await header.locator('.ant-menu-overflow-item-rest').hover({ timeout: 5_000 });
        await inPopup.click({ timeout: 5_000 });
        return;
      } catch (e) {
        if (attempt >= 4) throw e;
        await page.mouse.move(0, 0);
      }
    }
  }
}

/** The inbox entry of `number`, a table row on a desktop or a card on a phone, once the workflow has opened it. */
export async function openTaskEntry(b: BrowserStack, page: Page, number: string): Promise<Locator> {
  for (let i = 0; i < 60; i++) {
    await page.goto(b.url('/tasks'));
    await page.getByTestId('inbox').waitFor();
    await page.waitForLoadState('networkidle');
    const entry = page.locator(`[data-testid="inbox"] [data-request="${number}"]`);
    if (await entry.count()) return entry.first();
    await page.waitForTimeout(250);
  }
  throw new Error(`no task for ${number} in the inbox`);
}

/**
 * The page shows no raw key ("leader_briefing", "temporary_turnover"): every step, status and purpose
 * is in words. Reads what is rendered as text, so the audit trail's recorded JSON (collapsed) is not read.
 */
export async function expectNoRawKeys(page: Page): Promise<void> {
  const text = await page.evaluate<string>('document.body.innerText');
  const keys = text.match(/\b[a-z]+(?:_[a-z]+)+\b/g);
  if (keys) throw new Error(`raw keys on ${page.url()}: ${[...new Set(keys)].join(', ')}`);
}
