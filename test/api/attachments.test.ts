/** Comments and files on a request's steps: stored with their SHA-256, typed by content, read under the request's own rule. */
import { createHash } from 'node:crypto';
import { startStack, Stack, UserClient } from '../support/stack';
import { renderPdf } from '../../documents/pdf';
import { loanApplication } from '../support/loans';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const minutesPdf = () => renderPdf({ title: '县政府常务会议纪要', sections: [{ kind: 'paragraph', text: '同意追加预算。' }], createdAt: new Date('2026-06-01T00:00:00Z') });

const upload = (who: UserClient, path: string, bytes: Buffer, query: Record<string, string>, headers: Record<string, string> = {}) =>
  who.upload(`${path}?${new URLSearchParams(query)}`, bytes, headers);

const fileRequest = async (clerk: UserClient) =>
  (await clerk.post('/budget-requests', { amount: '2000.00', category: 'project', purpose: '教学设备购置（附件）', justification: '' })).body.request as { id: string };

describe('attachments on a budget request', () => {
  it('stores a PDF with its SHA-256 and comment on the current step, once per Idempotency-Key, in the history, downloadable by who may read the request', async () => {
    const clerk = await stack.as('clerk_edu');
    const { id } = await fileRequest(clerk);
    const pdf = await minutesPdf();

    const first = await upload(clerk, `/budget-requests/${id}/attachments`, pdf, { fileName: '会议纪要.pdf', comment: '附常务会议纪要' }, { 'Idempotency-Key': 'att-1' });
    expect(first.status).toBe(201);
    expect(first.body.attachment).toMatchObject({ fileName: '会议纪要.pdf', contentType: 'application/pdf', size: pdf.length, sha256: sha256(pdf), comment: '附常务会议纪要', round: 1, step: 'finance_review', uploadedBy: { displayName: expect.stringContaining('王敏') } });

    const retry = await upload(clerk, `/budget-requests/${id}/attachments`, pdf, { fileName: '会议纪要.pdf', comment: '附常务会议纪要' }, { 'Idempotency-Key': 'att-1' });
    expect([retry.status, retry.headers.get('idempotent-replayed'), retry.body.attachment.id]).toEqual([200, 'true', first.body.attachment.id]);
    const reused = await upload(clerk, `/budget-requests/${id}/attachments`, Buffer.concat([pdf, Buffer.from('\n')]), { fileName: '会议纪要.pdf' }, { 'Idempotency-Key': 'att-1' });
    expect([reused.status, reused.body.error.code]).toEqual([422, 'idempotency_key_reused']);

    const reviewer = await stack.as('reviewer');
    const list = await reviewer.get(`/budget-requests/${id}/attachments`);
    expect(list.body.items).toHaveLength(1);
    const history = (await reviewer.get(`/budget-requests/${id}`)).body.audit.filter((e: { type: string }) => e.type === 'attachment_added');
    expect(history).toEqual([expect.objectContaining({ data: expect.objectContaining({ fileName: '会议纪要.pdf', sha256: sha256(pdf), step: 'finance_review' }) })]);

    const download = await reviewer.download(`/attachments/${first.body.attachment.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain(encodeURIComponent('会议纪要.pdf'));
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(pdf));

    const otherUnit = await stack.as('clerk_health');
    expect((await otherUnit.download(`/attachments/${first.body.attachment.id}`)).status).toBe(403);
    expect((await otherUnit.get(`/budget-requests/${id}/attachments`)).status).toBe(403);
    expect((await (await stack.as('auditor')).download(`/attachments/${first.body.attachment.id}`)).status).toBe(200);
  });

  it('judges the type by content: an Excel workbook is accepted whatever its name, a program named .pdf is refused with 415 listing what is accepted', async () => {
    const clerk = await stack.as('clerk_edu');
    const { id } = await fileRequest(clerk);
    const xlsx = Buffer.from(await (await clerk.download('/budget-requests?format=xlsx')).arrayBuffer());
    const sheet = await upload(clerk, `/budget-requests/${id}/attachments`, xlsx, { fileName: '明细.bin' });
    expect([sheet.status, sheet.body.attachment.contentType]).toEqual([201, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);

    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(1024, 0x90)]);
    const refused = await upload(clerk, `/budget-requests/${id}/attachments`, program, { fileName: '发票.pdf' });
    expect(refused.status).toBe(415);
    expect(refused.body.error).toMatchObject({ code: 'unsupported_file_type', field: 'file' });
    expect(refused.body.error.message).toContain('PDF');
    expect(await stack.prisma.attachment.count({ where: { subjectId: id } })).toBe(1);
  });

  it('refuses a file over the limit with 413 naming the limit, and stores nothing', async () => {
    const clerk = await stack.as('clerk_edu');
    const { id } = await fileRequest(clerk);
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20 * 1024 * 1024)]);
    const res = await upload(clerk, `/budget-requests/${id}/attachments`, big, { fileName: '扫描件.pdf' });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'file_too_large' });
    expect(res.body.error.message).toContain('20 MB');
    expect(await stack.prisma.attachment.count({ where: { subjectId: id } })).toBe(0);
  });

  it('takes comments and files on loans too; auditors may read but not add; a comment without text is refused naming the field', async () => {
    const clerk = await stack.as('clerk_edu');
    const loan = (await clerk.post('/loans', loanApplication())).body.loan as { id: string };
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    expect((await upload(clerk, `/loans/${loan.id}/attachments`, png, { fileName: '收据.png' })).body.attachment.contentType).toBe('image/png');
    const comment = await clerk.post(`/loans/${loan.id}/comments`, { comment: '还款来源为下月专项资金' }, { 'Idempotency-Key': 'c-1' });
    expect(comment.status).toBe(201);
    await clerk.post(`/loans/${loan.id}/comments`, { comment: '还款来源为下月专项资金' }, { 'Idempotency-Key': 'c-1' });
    const audit = (await clerk.get(`/loans/${loan.id}`)).body.audit as { type: string; data: { comment?: string } }[];
    expect(audit.filter((e) => e.type === 'comment_added').map((e) => e.data.comment)).toEqual(['还款来源为下月专项资金']);

    const auditor = await stack.as('auditor');
    expect((await upload(auditor, `/loans/${loan.id}/attachments`, png, { fileName: 'a.png' })).status).toBe(403);
    expect((await auditor.post(`/loans/${loan.id}/comments`, { comment: '审计意见' })).status).toBe(403);
    const empty = await clerk.post(`/loans/${loan.id}/comments`, { comment: '  ' });
    expect([empty.status, empty.body.error.fields[0].field]).toEqual([400, 'comment']);
  });
});
