/** Tamper-evident audit: every request's events form a hash chain; an edit made in PostgreSQL behind the API's back is found. */
import { startStack, Stack } from '../support/stack';
import { writeAudit } from '../../activities/audit';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
afterAll(async () => { await stack?.stop(); });

const fileRequest = async (purpose: string) =>
  (await (await stack.as('clerk_edu')).post('/budget-requests', { amount: '1000.00', category: 'project', purpose, justification: '' })).body.request as { id: string };

async function decidedOnce(id: string) {
  const reviewer = await stack.as('reviewer');
  const task = await reviewer.taskFor(id);
  expect((await reviewer.post(`/tasks/${task.id}/decision`, { action: 'approve', comment: '同意' })).status).toBe(200);
  // the decision's audit event is written by an activity: wait until it is there
  for (let i = 0; i < 100 && (await stack.prisma.auditEvent.count({ where: { subjectId: id, type: 'decision_recorded' } })) === 0; i++) await new Promise((r) => setTimeout(r, 100));
}

describe('the audit chain of a request', () => {
  it('is intact after a filing and a decision, names its head hash, and names the first edited event after a row is changed in PostgreSQL', async () => {
    const { id } = await fileRequest('校舍维修（审计链）');
    await decidedOnce(id);
    const clerk = await stack.as('clerk_edu');
    const before = (await clerk.get(`/budget-requests/${id}/audit-chain`)).body.chain;
    const events = await stack.prisma.auditEvent.findMany({ where: { subjectId: id }, orderBy: { seq: 'asc' } });
    expect(before).toEqual({ intact: true, events: events.length, headHash: events.at(-1)!.hash, firstBroken: null });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[1].prevHash).toBe(events[0].hash);

    // someone with database access lowers the amount of the filing
    const submitted = events.find((e) => e.type === 'request_submitted')!;
    await stack.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "data" = jsonb_set("data", '{amount}', '"10.00"') WHERE "id" = $1`, submitted.id);
    const after = (await clerk.get(`/budget-requests/${id}/audit-chain`)).body.chain;
    expect(after).toMatchObject({ intact: false, firstBroken: { seq: submitted.seq, eventKey: submitted.eventKey, type: 'request_submitted', reason: 'content_changed' } });
    // the county-wide chain finds it too
    expect((await (await stack.as('auditor')).get('/audit-chain')).body.chain).toMatchObject({ intact: false, firstBroken: { eventKey: submitted.eventKey, reason: 'content_changed' } });
  });

  it('names a deleted event as missing, and a re-hashed edit as a broken link to the next event', async () => {
    const { id } = await fileRequest('校舍维修（删除）');
    await decidedOnce(id);
    const bureau = await stack.as('reviewer');
    const events = await stack.prisma.auditEvent.findMany({ where: { subjectId: id }, orderBy: { seq: 'asc' } });
    expect(events.length).toBeGreaterThanOrEqual(3);

    // an editor who also recomputes the edited event's own hash still breaks the next event's link
    const edited = events[0];
    await stack.prisma.$executeRawUnsafe(
      `UPDATE "AuditEvent" SET "actorId" = NULL, "hash" = audit_event_hash("prevHash", "seq", "eventKey", "at", NULL, "subjectType", "subjectId", "type", "data") WHERE "id" = $1`, edited.id,
    );
    expect((await bureau.get(`/budget-requests/${id}/audit-chain`)).body.chain.firstBroken).toMatchObject({ seq: 2, reason: 'link_broken' });

    await stack.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorId" = $2, "hash" = $3 WHERE "id" = $1`, edited.id, edited.actorId, edited.hash);
    expect((await bureau.get(`/budget-requests/${id}/audit-chain`)).body.chain.intact).toBe(true);
    await stack.prisma.auditEvent.delete({ where: { id: events[1].id } });
    expect((await bureau.get(`/budget-requests/${id}/audit-chain`)).body.chain.firstBroken).toMatchObject({ seq: 3, reason: 'event_missing' });
  });

  it('concurrent writers of one request never fork its chain, and a retried write changes nothing', async () => {
    const { id } = await fileRequest('校舍维修（并发）');
    await (await stack.as('reviewer')).taskFor(id); // the workflow's own events are written: only ours race now
    const chain = () => stack.prisma.auditEvent.findMany({ where: { subjectId: id }, orderBy: { seq: 'asc' } });
    const before = (await chain()).length;
    const write = (n: number) => stack.prisma.$transaction(async (tx) => {
      await writeAudit(tx, { eventKey: `${id}:race:${n}`, subjectType: 'budget', subjectId: id, data: { type: 'reminder_sent', round: 1, step: 'finance_review', assignees: [`u${n}`] } });
      await new Promise((r) => setTimeout(r, 20)); // hold the transaction open while others queue
    });
    await Promise.all(Array.from({ length: 8 }, (_, n) => write(n)));
    const raced = await chain();
    expect(raced.map((e) => e.seq)).toEqual(raced.map((_, i) => i + 1));
    expect(raced).toHaveLength(before + 8);

    await write(3); // the same eventKey again: a no-op
    expect(await chain()).toEqual(raced);
    expect((await (await stack.as('clerk_edu')).get(`/budget-requests/${id}/audit-chain`)).body.chain).toMatchObject({ intact: true, headHash: raced.at(-1)!.hash });
  });

  it('is readable by whoever may read the request, and by no one else', async () => {
    const { id } = await fileRequest('校舍维修（权限）');
    expect((await (await stack.as('auditor')).get(`/budget-requests/${id}/audit-chain`)).status).toBe(200);
    const other = await stack.as('clerk_health');
    expect((await other.get(`/budget-requests/${id}/audit-chain`)).status).toBe(403);
    expect((await other.get('/audit-chain')).status).toBe(403);
    expect((await other.get('/loans/no-such-loan/audit-chain')).status).toBe(404);
  });
});
