/** The request page's paper trail in a real browser: attach a file, verify the audit chain, download and read the 审批单, at phone and desktop size. */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { startBrowserStack, loginAs, BrowserStack, VIEWPORTS, ViewportName, useViewport, expectNoHorizontalOverflow, shotAt } from '../support/browser';
import { pdfText } from '../support/pdf-text';

let b: BrowserStack;
beforeAll(async () => { b = await startBrowserStack(); }, 180_000);
afterAll(async () => { await b?.stop(); });
jest.setTimeout(300_000);

const compact = (s: string) => s.replace(/\s+/g, '');

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('the approval records card at %s size', (vp) => {
  it('attaches a file, verifies the chain (and finds an edit), and downloads a 审批单 whose text names the decision, the file’s hash and the chain head', async () => {
    const clerkApi = await b.stack.as('clerk_edu');
    const request = (await clerkApi.post('/budget-requests', { amount: '8000.00', category: 'project', purpose: `实验室改造（${vp}）`, justification: '' })).body.request;
    const reviewer = await b.stack.as('reviewer');
    const task = await reviewer.taskFor(request.id);
    expect((await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve', comment: '同意改造' })).status).toBe(200);
    await (await b.stack.as('vice_mayor_edu')).taskFor(request.id, 'leader_briefing');

    const page = await loginAs(b, 'clerk_edu');
    await useViewport(page, vp);
    await page.goto(b.url(`/budget-requests/${request.id}`));
    const card = page.getByTestId('approval-records');
    await card.waitFor();

    const minutes = Buffer.from(`%PDF-1.4\n% 会议纪要 ${vp}\n`);
    await card.getByTestId('attachment-file').setInputFiles({ name: '会议纪要.pdf', mimeType: 'application/pdf', buffer: minutes });
    await card.getByPlaceholder('说明（可选）').fill('常务会议纪要');
    await card.getByTestId('attachment-upload').click();
    const sha = createHash('sha256').update(minutes).digest('hex');
    await card.getByTestId('attachments').getByText(`SHA-256 ${sha}`).waitFor();
    await expectNoHorizontalOverflow(page);

    await card.getByTestId('verify-chain').click();
    await card.getByTestId('chain-verdict').getByText('审计链完整', { exact: false }).waitFor();
    const head = (await clerkApi.get(`/budget-requests/${request.id}/audit-chain`)).body.chain.headHash as string;
    await shotAt(page, 'approval-records', vp);

    const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId('approval-form').click()]);
    expect(download.suggestedFilename()).toBe(`审批单-${request.number}.pdf`);
    const text = compact(await pdfText(readFileSync((await download.path())!)));
    for (const expected of ['追加预算审批单', request.number, '陈红', '同意改造', '北京时间', '会议纪要.pdf', sha, head]) expect([expected, text.includes(expected)]).toEqual([expected, true]);

    // someone edits the filing in the database: the page names the first broken link
    await b.stack.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "data" = jsonb_set("data", '{amount}', '"1.00"') WHERE "subjectId" = $1 AND "type" = 'request_submitted'`, request.id);
    await card.getByTestId('verify-chain').click();
    await card.getByTestId('chain-verdict').getByText('审计链在第 1 条记录处断开：内容被改动').waitFor();
  });
});
