import type { Stack } from './stack';
import { decideLoanTask, loanApplication } from './loans';

/** A supplementary budget of `amount` walked to the meeting step: finance review, then every leader's acknowledgement. */
export async function budgetAtMeeting(stack: Stack, clerkName: string, amount: string, purpose: string) {
  const clerk = await stack.as(clerkName);
  const created = await clerk.post('/budget-requests', { amount, category: 'project', purpose, justification: '经测算需追加。' });
  if (created.status !== 201) throw new Error(`budget refused: ${JSON.stringify(created.body)}`);
  const request = created.body.request as { id: string; number: string };
  await decided((await stack.as('reviewer')).decide(request.id, 'finance_review', { action: 'approve' }));
  for (const leader of ['party_secretary', 'county_mayor', 'vice_mayor_edu']) await decided((await stack.as(leader)).decide(request.id, 'leader_briefing', { action: 'acknowledge' }));
  await (await stack.as('meeting_secretary')).taskFor(request.id, 'executive_meeting');
  return request;
}

/** A loan past its finance review, waiting for the executive meeting (R-L6). */
export async function loanAtMeeting(stack: Stack, purposeDetails: string) {
  const loan = (await (await stack.as('clerk_edu')).post('/loans', loanApplication({ amount: '80000.00', purposeDetails }))).body.loan as { id: string; number: string };
  await decided(decideLoanTask(stack, 'reviewer', loan.id, { action: 'approve' }));
  await (await stack.as('meeting_secretary')).taskFor(loan.id, 'executive_meeting');
  return loan;
}

/** A policy assessed affordable, waiting for the executive meeting (R-B9). */
export async function policyAtMeeting(stack: Stack, title: string) {
  const policy = (await (await stack.as('clerk_edu')).post('/policies', { title, summary: '对乡村学校在岗教师按月发放生活补助。', yearlyCost: '1200000.00', scope: '全县乡村学校' })).body.policy as { id: string; number: string };
  await decided((await stack.as('reviewer')).decide(policy.id, 'affordability_assessment', { action: 'approve' }));
  await (await stack.as('meeting_secretary')).taskFor(policy.id, 'executive_meeting');
  return policy;
}

async function decided(res: Promise<{ status: number; body: unknown }>) {
  const r = await res;
  if (r.status !== 200) throw new Error(`decision refused: ${JSON.stringify(r.body)}`);
}
