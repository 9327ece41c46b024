import { z } from 'zod';
import { ROLES, Role } from '../roles';
import { chinaTime, isIsoDate } from '../china-calendar';
import { ZIdText, zText } from '../text';
import { refusal, DecisionRefusal, stepOf, chainPositionLabel } from './engine';
import type { ChainDefinition } from './definition';

/** A user as the delegation checks see them. */
export interface DelegationUser {
  userId: string;
  roles: readonly string[];
  displayName?: string;
}

const roleNames = (roles: readonly string[]): string => roles.map((r) => ROLES[r as Role]?.zh ?? r).join('、');

/**
 * Whether the holder of a task may hand it (转交) to `to`: another user who holds one of the step's
 * roles; at a step every assignee must answer (the leader briefing), not someone who answers there
 * already, since one person responds once per step. `assignees` are the users the step's tasks were
 * opened for. Refusals cite the step's rule with its Chinese wording and name the field `toUserId`.
 */
export function checkHandOver(
  def: ChainDefinition, step: string, from: DelegationUser, to: DelegationUser, assignees: readonly string[],
): DecisionRefusal | null {
  const s = stepOf(def, step);
  const here = chainPositionLabel(def, step);
  if (!s || !Object.keys(s.actions).length) {
    return refusal(def.ruleId, 'action_not_allowed', 422, `「${here.zh}」的待办不能转交 / a task at ${step} cannot be handed over`, 'toUserId');
  }
  const rule = s.ruleId ?? def.ruleId;
  if (to.userId === from.userId) return refusal(rule, 'action_not_allowed', 422, '不能转交给自己 / choose someone else to hand the task to', 'toUserId');
  if (!s.roles.some((r) => to.roles.includes(r))) {
    return refusal(rule, 'wrong_role', 422, `「${s.zh}」须由${roleNames(s.roles)}办理，${to.displayName ?? '所选人员'}不具备该角色，不能接收转交 / this step is decided by ${s.roles.join(', ')}; the person chosen holds none of those roles`, 'toUserId');
  }
  if (s.quorum === 'all' && assignees.includes(to.userId)) {
    return refusal(rule, 'action_not_allowed', 422, `${to.displayName ?? '所选人员'}本人也须在「${s.zh}」表态，同一人在本环节只能表态一次，请转交给其他人 / they answer at this step themselves, and one person responds once here`, 'toUserId');
  }
  return null;
}

/** Roles an absence hands to the substitute: every role that decides something (an auditor only reads). */
export const approvingRoles = (roles: readonly string[]): string[] => roles.filter((r) => r !== 'auditor');

export interface AbsenceRequest {
  startsAt: number;
  endsAt: number;
}

/** A refused absence: the field at fault and why, in both languages. */
export interface AbsenceProblem { field: 'substituteId' | 'startsAt' | 'endsAt'; message: string }

/**
 * Whether `substitute` may stand in for `user` over the period: someone else, holding every role of
 * `user` that decides something, over a period that ends after it starts and has not ended yet.
 */
export function checkAbsence(user: DelegationUser, substitute: DelegationUser, period: AbsenceRequest, now: number): AbsenceProblem[] {
  const problems: AbsenceProblem[] = [];
  if (substitute.userId === user.userId) problems.push({ field: 'substituteId', message: '代理人不能是本人 / the substitute must be someone else' });
  const roles = approvingRoles(user.roles);
  const missing = roles.filter((r) => !substitute.roles.includes(r));
  if (!roles.length) problems.push({ field: 'substituteId', message: '您没有需要代理的审批角色 / you hold no role that decides anything' });
  else if (missing.length) {
    problems.push({ field: 'substituteId', message: `代理人须具备您的审批角色：${roleNames(missing)} / the substitute must hold your roles: ${missing.join(', ')}` });
  }
  if (period.endsAt <= period.startsAt) problems.push({ field: 'endsAt', message: '结束时间须晚于开始时间 / the end must come after the start' });
  else if (period.endsAt <= now) problems.push({ field: 'endsAt', message: '结束时间已过 / the period has already ended' });
  return problems;
}

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A time written in China time without an offset ('2026-12-01T08:30', or a date): the instant in ms.
 * A bare date is the start of that China day, or with `endOfDay` the end of it (an absence "until 5 Dec").
 */
export function parseChinaLocalTime(s: string, endOfDay = false): number | undefined {
  const m = LOCAL_TIME.exec(s);
  if (!m || !isIsoDate(m[1])) return undefined;
  if (m[2] === undefined) return chinaTime(m[1]) + (endOfDay ? 86_400_000 : 0);
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return undefined;
  return chinaTime(m[1]) + h * 3_600_000 + min * 60_000 + sec * 1000;
}

const zChinaLocalTime = z.string().refine((s) => parseChinaLocalTime(s) !== undefined,
  '须为北京时间，格式 YYYY-MM-DD 或 YYYY-MM-DDTHH:mm / a China time as YYYY-MM-DD or YYYY-MM-DDTHH:mm');

/** An absence as the user sets it: the substitute and the period in China time (a bare end date counts to the end of that day). */
export const ZAbsenceInput = z.object({
  substituteId: ZIdText,
  startsAt: zChinaLocalTime,
  endsAt: zChinaLocalTime,
  reason: zText({ max: 200 }).optional(),
});
export type AbsenceInput = z.infer<typeof ZAbsenceInput>;

/** What an approver sends to hand a task over. */
export const ZHandOverInput = z.object({ toUserId: ZIdText, reason: zText({ max: 500 }).optional() });

/** What an approver sends to ask opinions, and what a consultee answers. */
export const ZConsultationRequest = z.object({
  consulteeIds: z.array(ZIdText).min(1, '请至少选择一位征求意见对象 / choose at least one person to ask').max(10),
  question: zText({ min: 1, max: 2000, minMessage: '请写明征求意见的事项 / say what you ask about' }),
});
export const ZConsultationAnswer = z.object({ answer: zText({ min: 1, max: 2000, minMessage: '意见不能为空 / the opinion must not be empty' }) });
