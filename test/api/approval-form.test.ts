/** The printable 审批单: every decision with names and China times, rules, files with hashes, the audit chain's head. */
import { startStack, Stack } from '../support/stack';
import { pdfText } from '../support/pdf-text';
import { loanApplication } from '../support/loans';
import { findSubject } from '../../api/records/readable-subject';
import { loadApprovalRecord } from '../../api/records/load-approval-record';
import { writeAudit } from '../../activities/audit';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const compact = (s: string) => s.replace(/\s+/g, '');

describe('the 审批单 (approval form)', () => {
  it('prints the request, the decision with the approver’s name and China time, the rules, the attached file’s hash and the chain head', async () => {
    const clerk = await stack.as('clerk_edu');
    const request = (await clerk.post('/budget-requests', { amount: '12345.60', category: 'project', purpose: '教学楼抗震加固', justification: '' })).body.request;
    const reviewer = await stack.as('reviewer');
    const task = await reviewer.taskFor(request.id);
    expect((await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve', comment: '资金来源已核实' })).status).toBe(200);
    await (await stack.as('vice_mayor_edu')).taskFor(request.id, 'leader_briefing'); // the decision is recorded and the next step opened
    const scan = Buffer.from('%PDF-1.4\n% 会议纪要扫描件\n');
    const file = (await clerk.upload(`/budget-requests/${request.id}/attachments?fileName=${encodeURIComponent('纪要.pdf')}`, scan)).body.attachment;

    const res = await clerk.download(`/budget-requests/${request.id}/approval-form.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(Buffer.from(await res.arrayBuffer()));
    const chain = (await clerk.get(`/budget-requests/${request.id}/audit-chain`)).body.chain;
    for (const expected of ['追加预算审批单', request.number, '教学楼抗震加固', '壹万贰仟叁佰肆拾伍元陆角', '财政局审核', '同意', '陈红', '资金来源已核实', '北京时间', 'R-B2', '纪要.pdf', file.sha256, chain.headHash]) {
      expect([expected, compact(text).includes(compact(expected))]).toEqual([expected, true]);
    }
  });

  it('prints a loan’s form too, for whoever may read the loan and no one else', async () => {
    const loan = (await (await stack.as('clerk_edu')).post('/loans', loanApplication())).body.loan;
    const res = await (await stack.as('auditor')).download(`/loans/${loan.id}/approval-form.pdf`);
    expect(res.status).toBe(200);
    const text = compact(await pdfText(Buffer.from(await res.arrayBuffer())));
    expect(text).toContain('借款（暂付性款项）审批单');
    expect(text).toContain(loan.number);
    expect(text).toContain('R-L6');
    expect((await (await stack.as('clerk_health')).download(`/loans/${loan.id}/approval-form.pdf`)).status).toBe(403);
  });

  it('prints an R-B9 policy’s form: each step’s decision with its approver, the meeting and filing references, R-B9 and the chain head', async () => {
    const clerk = await stack.as('clerk_edu');
    const policy = (await clerk.post('/policies', { title: '乡村教师交通补助', summary: '对乡村学校在岗教师按月发放交通补助，每人每月200元。', yearlyCost: '1440000.00', scope: '全县乡村学校在岗教师' })).body.policy;
    expect((await (await stack.as('reviewer')).decide(policy.id, 'affordability_assessment', { action: 'approve', comment: '年度所需经费在财力可承受范围内' })).status).toBe(200);
    const secretary = await stack.as('meeting_secretary');
    expect((await secretary.decide(policy.id, 'executive_meeting', { action: 'approve', meetingKind: 'executive', meetingReference: '县政府2026年第21次常务会议' })).status).toBe(200);
    expect((await secretary.decide(policy.id, 'higher_level_filing', { action: 'approve', resolutionReference: '州政备〔2026〕21号' })).status).toBe(200);

    const res = await clerk.download(`/policies/${policy.id}/approval-form.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = compact(await pdfText(Buffer.from(await res.arrayBuffer())));
    const chain = (await clerk.get(`/policies/${policy.id}/audit-chain`)).body.chain;
    expect(chain.intact).toBe(true);
    for (const expected of [
      '重大增支政策审批单', policy.number, '乡村教师交通补助', '壹佰肆拾肆万元整', '财政可承受能力评估', '同意', '陈红', '年度所需经费在财力可承受范围内',
      '县政府常务会议', '县政府2026年第21次常务会议', '报上级政府备案', '州政备〔2026〕21号', '已备案生效', '北京时间', 'R-B9', chain.headHash,
    ]) {
      expect([expected, text.includes(compact(expected))]).toEqual([expected, true]);
    }
  });

  it('prints an R-B10 change of use’s form, for whoever may read the request and no one else', async () => {
    const clerk = await stack.as('clerk_edu');
    const change = (await clerk.post('/changes-of-use', {
      amount: '30000.00', fromUse: '教研活动经费', fromCategory: 'project', toUse: '校舍应急排危', toCategory: 'emergency', reason: '汛后校舍出现险情，需调剂资金应急排危。',
    })).body.changeOfUse;
    expect((await (await stack.as('reviewer')).decide(change.id, 'finance_review', { action: 'approve', comment: '调出资金非三保资金' })).status).toBe(200);
    expect((await (await stack.as('vice_mayor_edu')).decide(change.id, 'leader_in_charge', { action: 'reject', comment: '请先动用预备费' })).status).toBe(200);

    const res = await clerk.download(`/changes-of-use/${change.id}/approval-form.pdf`);
    expect(res.status).toBe(200);
    const text = compact(await pdfText(Buffer.from(await res.arrayBuffer())));
    const chain = (await clerk.get(`/changes-of-use/${change.id}/audit-chain`)).body.chain;
    for (const expected of [
      '预算调剂审批单', change.number, '教研活动经费', '校舍应急排危', '叁万元整', '财政局审核', '同意', '陈红', '调出资金非三保资金',
      '分管领导审批', '不同意', '吴副县长（分管教育卫生）', '请先动用预备费', '未获批准', 'R-B10', chain.headHash,
    ]) {
      expect([expected, text.includes(compact(expected))]).toEqual([expected, true]);
    }
    expect((await (await stack.as('clerk_health')).download(`/changes-of-use/${change.id}/approval-form.pdf`)).status).toBe(403);
    expect((await clerk.download('/changes-of-use/no-such-id/approval-form.pdf')).status).toBe(404);
  });
});

describe('the 审批单’s record, read on the pg pool', () => {
  it('holds the times, the rounds, the files and the meeting dates exactly as the records do, whatever the process’s time zone', async () => {
    const clerk = await stack.as('clerk_edu');
    const request = (await clerk.post('/budget-requests', { amount: '880.00', category: 'project', purpose: '校舍维修', justification: '' })).body.request;
    const reviewer = await stack.as('reviewer');
    const task = await reviewer.taskFor(request.id);
    expect((await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve' })).status).toBe(200);
    await clerk.upload(`/budget-requests/${request.id}/attachments?fileName=${encodeURIComponent('附件.pdf')}`, Buffer.from('%PDF-1.4\n'));
    // A meeting the trail names (as a meeting decision's event does), sitting on a China date.
    const meetingNumber = `县政府第${Date.now()}次常务会议`;
    await stack.prisma.meeting.create({ data: { id: crypto.randomUUID(), kind: 'executive', number: meetingNumber, date: new Date('2026-12-03T00:00:00Z'), createdById: 'user-admin' } });
    await writeAudit(stack.prisma, {
      eventKey: `${request.id}:test-meeting`, actorId: 'user-reviewer', subjectType: 'budget', subjectId: request.id,
      data: { type: 'decision_recorded', round: 1, step: 'exec_meeting', action: 'approve', role: 'meeting_secretary', next: 'npc_committee', meetingKind: 'executive', meetingReference: meetingNumber },
    });

    const previousTz = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai'; // a DATE or a zone-less timestamp read as local time would move
    try {
      const subject = (await findSubject(stack.prisma, 'budget', request.id))!;
      const record = await loadApprovalRecord(stack.prisma, subject, new Date());
      const events = await stack.prisma.auditEvent.findMany({ where: { subjectType: 'budget', subjectId: request.id }, orderBy: { seq: 'asc' } });
      const [round] = await stack.prisma.budgetRound.findMany({ where: { requestId: request.id } });
      const [file] = await stack.prisma.attachment.findMany({ where: { subjectId: request.id } });
      expect(record.events.map((e) => [e.seq, e.at.toISOString()])).toEqual(events.map((e) => [e.seq, e.at.toISOString()]));
      expect(record.events.find((e) => e.data.type === 'decision_recorded')?.actorName).toBe('陈红（预算股审核人）');
      expect(record.rounds).toEqual([expect.objectContaining({ round: 1, submittedAt: round.submittedAt, by: expect.stringContaining('教育局') })]);
      expect(record.attachments).toEqual([expect.objectContaining({ fileName: '附件.pdf', size: 9, uploadedAt: file.uploadedAt, uploadedBy: expect.any(String) })]);
      expect(record.meetingDates).toEqual({ [meetingNumber]: '2026-12-03' });
      expect(record.facts).toEqual(expect.arrayContaining([{ label: '金额', value: '880.00 元（捌佰捌拾元整）' }]));
      expect(record.chain).toMatchObject({ intact: true, events: events.length, headHash: events.at(-1)!.hash });
    } finally {
      process.env.TZ = previousTz;
    }
  });
});
