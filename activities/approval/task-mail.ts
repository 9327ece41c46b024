import type { ActionLink } from '../email-action-links';
import { decisionLinkLines } from '../decision-link-lines';
import { reminderLines } from '../mail-format';
import type { SubjectFacts } from './subjects';
import { chinaDateTime } from '../../domain';

export interface TaskMailArgs {
  facts: SubjectFacts;
  step: { zh: string; en: string };
  task: { id: string; round: number; openedAt?: Date };
  publicUrl: string;
  links?: ActionLink[];
  linkTtlDays?: number;
  /** for a task decided by its own command (the loan's disbursement): where and how, instead of links */
  ownCommand?: string[];
  /** the assignee the recipient acts for: they handed the task over, or they are away with the recipient as substitute */
  onBehalfOf?: { name: string; why: 'hand_over' | 'absence'; until?: Date };
}

/** The line telling a substitute or a hand-over's holder whose task this is. */
export function onBehalfOfLines(o: TaskMailArgs['onBehalfOf']): string[] {
  if (!o) return [];
  return o.why === 'hand_over'
    ? [`${o.name} 已将此待办转交给您，请代 ${o.name} 办理。`, `${o.name} handed this task to you: you decide it on their behalf.`]
    : [`${o.name} 不在岗${o.until ? `（至 ${chinaDateTime(o.until.getTime())} 北京时间）` : ''}，您是其代理人，请代 ${o.name} 办理。`, `${o.name} is away and you are their substitute: you decide it on their behalf.`];
}

/** The e-mail of a newly opened task of any chain, Chinese first, with its decision links when the step has any. */
export function chainTaskMail({ facts, step, task, publicUrl, links = [], linkTtlDays, ownCommand, onBehalfOf }: TaskMailArgs) {
  return {
    subject: `【待办】${onBehalfOf ? `【代 ${onBehalfOf.name} 办理】` : ''}${facts.noun.zh} ${facts.number}：${step.zh} / To do: ${step.en}`,
    text: [
      `您有一项${facts.noun.zh}待办：${step.zh}（第${task.round}轮）。`,
      `You have a ${facts.noun.en} task: ${step.en} (round ${task.round}).`,
      ...onBehalfOfLines(onBehalfOf),
      '',
      ...facts.lines,
      '',
      ...(ownCommand ?? [`办理 / Open the task: ${publicUrl}/tasks/${task.id}`, ...decisionLinkLines(links, linkTtlDays)]),
    ].join('\n'),
  };
}

/** The e-mail reminding an assignee of a task still open, saying how long it has waited. */
export function chainReminderMail(args: TaskMailArgs, now = Date.now()) {
  const mail = chainTaskMail(args);
  return { subject: `【催办】${mail.subject}`, text: `${reminderLines(args.task.openedAt, now)}\n\n${mail.text}` };
}

/** The e-mail of a nudge (催办): who nudged, how long the task has waited, and the task with fresh decision links. */
export function chainNudgeMail(args: TaskMailArgs & { nudgedBy: { name: string; role: { zh: string; en: string }; comment?: string } }, now = Date.now()) {
  const mail = chainTaskMail(args);
  const by = args.nudgedBy;
  return {
    subject: `【催办】${mail.subject}`,
    text: [
      `${by.name}（${by.role.zh}）催办此项待办，请尽快办理。`,
      `${by.name} (${by.role.en}) asks you to decide this task soon.`,
      ...(by.comment ? [`留言 / Note: ${by.comment}`] : []),
      reminderLines(args.task.openedAt, now),
      '',
      mail.text,
    ].join('\n'),
  };
}

/** The e-mail telling the applicant where a subject of any chain ended (in force, approved, rejected, …), with the last reason. */
export function chainOutcomeMail({ facts, outcome, comment, decidedBy, publicUrl }: { facts: SubjectFacts; outcome: { zh: string; en: string }; comment?: string; decidedBy?: string; publicUrl: string }) {
  return {
    subject: `【结果】${facts.noun.zh} ${facts.number}：${outcome.zh} / Outcome: ${outcome.en}`,
    text: [
      `您单位的${facts.noun.zh} ${facts.number} 审批结果：${outcome.zh}。`,
      `Your ${facts.noun.en} ${facts.number}: ${outcome.en}.`,
      ...(comment ? ['', `意见 / Reason: ${comment}`] : []),
      ...(decidedBy ? [decidedBy] : []),
      '',
      ...facts.lines,
      '',
      `查看 / See it: ${publicUrl}${facts.path}`,
    ].join('\n'),
  };
}
