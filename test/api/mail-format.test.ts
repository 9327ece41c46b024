import { startStack, Stack } from '../support/stack';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const request = (purpose: string) => ({ amount: '12345.60', category: 'project', purpose, justification: '' });

/** The task e-mail to the reviewer about `purpose`, once it has arrived. */
async function reviewerMail(purpose: string) {
  for (let i = 0; i < 100; i++) {
    const m = stack.smtp.received.find((x) => x.to.some((t) => t.startsWith('reviewer@')) && x.text.includes(purpose));
    if (m) return m;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail about ${purpose}`);
}

describe('e-mails: HTML with a plain-text part, Chinese first, English by preference', () => {
  it('sends both parts with the same content, English lines included by default', async () => {
    await (await stack.as('clerk_edu')).post('/budget-requests', request('图书馆书架更新'));
    const mail = await reviewerMail('图书馆书架更新');
    expect(mail.text.split('\n')[0]).toMatch(/[\u4e00-\u9fff]/); // Chinese first
    expect(mail.text).toContain('You have a supplementary-budget task');
    expect(mail.text).toContain('12,345.60 元');
    expect(mail.html).toContain('<html lang="zh-CN">');
    expect(mail.html).toContain('图书馆书架更新');
    expect(mail.html).toMatch(/<a href="http[^"]+\/tasks\//);
  });

  it('leaves the English-only lines out for a user who asks for Chinese only, and says so in GET /me', async () => {
    const reviewer = await stack.as('reviewer');
    const bad = await reviewer.put('/me/preferences', { mailEnglish: 'no' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('mailEnglish');
    const set = await reviewer.put('/me/preferences', { mailEnglish: false });
    expect(set.status).toBe(200);
    expect((await reviewer.get('/me')).body.user.preferences).toEqual({ mailEnglish: false });

    await (await stack.as('clerk_edu')).post('/budget-requests', request('操场围栏维修'));
    const mail = await reviewerMail('操场围栏维修');
    expect(mail.text).toContain('您有一项追加预算待办');
    expect(mail.text).not.toContain('You have a supplementary-budget task');
    expect(mail.html).not.toContain('You have a supplementary-budget task');
    expect(mail.text).toMatch(/\/tasks\//); // the links stay
    await reviewer.put('/me/preferences', { mailEnglish: true });
  });
});
