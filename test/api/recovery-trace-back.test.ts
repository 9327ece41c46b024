/** R-L11 清收 and R-L7 倒查: an R-L2 finding opens a recovery case naming everyone who let the money out. */
import { startStack, Stack } from '../support/stack';
import { decideLoanTask, executiveApproval, loanApplication } from '../support/loans';
import { chinaDate } from '../../domain';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

describe('an R-L2 finding opens a recovery case with the trace-back (倒查)', () => {
  it('names the reviewer, the executive meeting with its reference, the disbursing officer and the responsible officer; the director and auditors see it, clerks do not', async () => {
    const created = await (await stack.as('clerk_health')).post('/loans', loanApplication({ amount: '60000.00' }));
    const id = created.body.loan.id as string;
    expect((await decideLoanTask(stack, 'reviewer', id, { action: 'approve' })).status).toBe(200);
    expect((await decideLoanTask(stack, 'meeting_secretary', id, executiveApproval('县政府2026年第33次常务会议'))).status).toBe(200);
    expect((await (await stack.as('treasury')).post(`/loans/${id}/disburse`, {})).status).toBe(200);

    const director = await stack.as('director');
    const recorded = await director.post(`/loans/${id}/findings`, {
      description: '借款资金转入县医药公司用于偿还银行贷款', enterprise: '县医药有限公司', amount: '60000.00', foundOn: chinaDate(Date.now()),
    });
    expect(recorded.status).toBe(201);

    const detail = (await director.get(`/loans/${id}`)).body;
    expect(detail.recoveryCases).toHaveLength(1);
    const trace = detail.recoveryCases[0].traceBack as { step: string; actorId: string; actorName: string; meetingReference: string | null }[];
    expect(trace.map((t) => `${t.step}:${t.actorId}`)).toEqual([
      'finance_review:user-reviewer', 'executive_meeting:user-meeting', 'disbursement:user-treasury', 'responsible_officer:user-treasury',
    ]);
    expect(trace[1].meetingReference).toBe('县政府2026年第33次常务会议');
    expect(trace.every((t) => t.actorName.length > 0)).toBe(true);
    expect(detail.recoveryCases[0]).toMatchObject({ status: 'open', findingId: recorded.body.finding.id });

    const auditor = await stack.as('auditor');
    const cases = (await auditor.get('/advances/recovery-cases')).body.items;
    expect(cases).toEqual([expect.objectContaining({ findingId: recorded.body.finding.id, advance: expect.objectContaining({ loanId: id, recoverFirst: true }) })]);
    // listed first for recovery (清收) in the ledger
    expect((await auditor.get('/advances/ledger')).body.items[0]).toMatchObject({ loanId: id, recoverFirst: true });
    expect((await auditor.get(`/loans/${id}`)).body.recoveryCases).toHaveLength(1);
    const clerk = await stack.as('clerk_health');
    expect((await clerk.get(`/loans/${id}`)).body).not.toHaveProperty('recoveryCases');
    expect((await clerk.get('/advances/recovery-cases')).status).toBe(403);
    const audit = detail.audit.map((e: { type: string }) => e.type);
    expect(audit).toEqual(expect.arrayContaining(['loan_finding_recorded', 'recovery_opened']));
  });
});
