import type { Response } from 'playwright-core';
import { startBrowserStack, loginAs, BrowserStack, shot } from '../support/browser';

let b: BrowserStack;
beforeAll(async () => { b = await startBrowserStack(); }, 180_000);
afterAll(async () => { await b?.stop(); });
jest.setTimeout(300_000);

/** Whether every face of the bundled font that covers `text` has arrived (false while any is missing). */
const webfontCovers = (text: string) => b.page.evaluate(`document.fonts.ready.then(() => document.fonts.check("16px 'Noto Sans SC Variable'", ${JSON.stringify(text)}))`);

describe('the web app in a browser without CJK fonts, under the Content-Security-Policy', () => {
  it('renders Chinese with the webfont the app serves itself', async () => {
    const fonts: string[] = [];
    const onResponse = (r: Response) => { if (r.url().endsWith('.woff2')) fonts.push(`${r.status()} ${r.url()}`); };
    b.page.on('response', onResponse);
    try {
      const page = await loginAs(b, 'director');
      await page.goto(b.url('/dashboard'));
      await page.getByTestId('resources-chart').locator('canvas').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await webfontCovers('财政看板待审批')).toBe(true);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) expect(f).toMatch(new RegExp(`^200 ${b.stack.origin}/assets/`));
      await shot(page, 'dashboard-webfont');
    } finally {
      b.page.off('response', onResponse);
    }
  });

  it('opens every page, and the API docs, without a single CSP violation', async () => {
    const page = await loginAs(b, 'director');
    for (const path of ['/tasks', '/budget-requests', '/dashboard', '/loans', '/fiscal-years', '/dashboard/lists/pending']) {
      await page.goto(b.url(path));
      await page.waitForLoadState('networkidle');
    }
    await page.goto(b.url('/api/docs'));
    await page.locator('.swagger-ui .info').waitFor();
    await page.waitForLoadState('networkidle');
    const clerk = await loginAs(b, 'clerk_edu');
    await clerk.goto(b.url('/budget-requests/new'));
    await clerk.locator('#amount').fill('12.345'); // the form validates with zod as it is typed
    await clerk.getByTestId('error-amount').waitFor();
    expect(b.cspViolations).toEqual([]);
  });
});
