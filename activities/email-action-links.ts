import { createHash, createHmac } from 'node:crypto';
import type { PrismaClient } from '../prisma/client';
import { BUDGET_STEPS, BudgetStep, DECISION_ACTIONS, DecisionAction } from '../domain';

export interface EmailActionSettings {
  /** server secret the link tokens are derived from; never leaves the worker */
  secret: string;
  /** how long a link stays valid */
  ttlDays: number;
}

export interface ActionLink {
  action: DecisionAction;
  label: { zh: string; en: string };
  url: string;
}

/** Only the SHA-256 of a link token is stored; the API looks links up by it. */
export const hashActionToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * The token of one decision link in one e-mail. It is an HMAC of the mail's idempotency key, the
 * task, its assignee and the action under the server secret: unguessable without the secret, and the
 * same on every retry of the activity, so a retried mail never carries a second, different link.
 */
export function actionToken(secret: string, o: { mailKey: string; taskId: string; userId: string; action: string }): string {
  return createHmac('sha256', secret).update(`email-action:v1|${o.mailKey}|${o.taskId}|${o.userId}|${o.action}`).digest('base64url');
}

/**
 * Stores (hashed) and returns the decision links of a task's e-mail: approve / reject / return, or
 * acknowledge / object at the briefing. Idempotent: a second call finds the rows and keeps their expiry.
 */
export async function issueActionLinks(
  prisma: PrismaClient,
  settings: EmailActionSettings,
  o: { mailKey: string; task: { id: string; step: string; assigneeId: string }; publicUrl: string; now?: Date },
): Promise<ActionLink[]> {
  if (o.task.step === 'revision' || !(o.task.step in BUDGET_STEPS)) return [];
  const actions = BUDGET_STEPS[o.task.step as BudgetStep].actions as readonly DecisionAction[];
  const expiresAt = new Date((o.now ?? new Date()).getTime() + settings.ttlDays * 86_400_000);
  const links = actions.map((action) => ({
    action, token: actionToken(settings.secret, { mailKey: o.mailKey, taskId: o.task.id, userId: o.task.assigneeId, action }),
  }));
  await prisma.emailActionToken.createMany({
    data: links.map((l) => ({ tokenHash: hashActionToken(l.token), taskId: o.task.id, userId: o.task.assigneeId, action: l.action, expiresAt })),
    skipDuplicates: true,
  });
  return links.map((l) => ({ action: l.action, label: DECISION_ACTIONS[l.action], url: `${o.publicUrl}/email-actions/${l.token}` }));
}
