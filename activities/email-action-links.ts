import { createHash, createHmac } from 'node:crypto';
import { Prisma, type PrismaClient } from '../prisma/client';
import { directSql } from '../prisma/direct-sql';
import { chainDefinition, DECISION_ACTIONS, DecisionAction, stepActions, ZDecisionInput } from '../domain';

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

/** The task a link decides; `subjectType` says which chain its step belongs to (step names repeat across chains). */
export interface LinkedTask {
  id: string;
  subjectType: string;
  step: string;
  assigneeId: string;
  /** the actions its step offers, from the definition the workflow runs on (today's definition when absent) */
  actions?: readonly string[];
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

// A link can only carry what a decision form can: resubmit/withdraw (revision) and disburse
// (responsible officer R-L7, due date R-L4) need the web app.
const LINKABLE: readonly string[] = ZDecisionInput.shape.action.options;

/** The actions a task's e-mail offers as links: every action of its chain's step. */
export function linkActions(task: Pick<LinkedTask, 'subjectType' | 'step' | 'actions'>): DecisionAction[] {
  const def = chainDefinition(task.subjectType);
  const actions = task.actions ?? (def ? stepActions(def, task.step) : []);
  return actions.filter((a): a is DecisionAction => LINKABLE.includes(a));
}

/**
 * The decision links of a task's e-mail (approve / reject / return, or acknowledge / object at the
 * briefing; approve / reject / return for a loan) and the statement part (a CTE body) that stores
 * their tokens, hashed. The mailer stores it with the message (activities/mail.ts), in one statement.
 * Idempotent: storing the same links again finds the rows and keeps their expiry.
 */
export function actionLinks(
  settings: EmailActionSettings,
  o: { mailKey: string; task: LinkedTask; publicUrl: string; now?: Date },
): { links: ActionLink[]; storedWith?: Prisma.Sql } {
  const actions = linkActions(o.task);
  if (!actions.length) return { links: [] };
  const expiresAt = new Date((o.now ?? new Date()).getTime() + settings.ttlDays * 86_400_000);
  const links = actions.map((action) => ({
    action, token: actionToken(settings.secret, { mailKey: o.mailKey, taskId: o.task.id, userId: o.task.assigneeId, action }),
  }));
  return {
    links: links.map((l) => ({ action: l.action, label: DECISION_ACTIONS[l.action], url: `${o.publicUrl}/email-actions/${l.token}` })),
    storedWith: Prisma.sql`INSERT INTO "EmailActionToken" ("tokenHash", "taskId", "userId", action, "expiresAt", "createdAt")
      SELECT t.hash, ${o.task.id}, ${o.task.assigneeId}, t.action, ${expiresAt.toISOString()}::timestamptz AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
      FROM unnest(${links.map((l) => hashActionToken(l.token))}::text[], ${links.map((l) => l.action)}::text[]) AS t(hash, action)
      ON CONFLICT ("tokenHash") DO NOTHING`,
  };
}

/** Stores (hashed) and returns the decision links of a task's e-mail on their own (actionLinks, stored at once). */
export async function issueActionLinks(
  prisma: PrismaClient,
  settings: EmailActionSettings,
  o: { mailKey: string; task: LinkedTask; publicUrl: string; now?: Date },
): Promise<ActionLink[]> {
  const { links, storedWith } = actionLinks(settings, o);
  if (storedWith) await directSql(prisma, storedWith);
  return links;
}

/**
 * The links of one task e-mail, how long they last and the statement part storing them (for the
 * mailer to store with the message); none when the deployment has no link settings.
 */
export function taskMailLinks(
  settings: EmailActionSettings | undefined,
  o: { mailKey: string; task: LinkedTask; publicUrl: string },
): { links: ActionLink[]; linkTtlDays?: number; storedWith?: Prisma.Sql } {
  if (!settings) return { links: [] };
  return { ...actionLinks(settings, o), linkTtlDays: settings.ttlDays };
}
