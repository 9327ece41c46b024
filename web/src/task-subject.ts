import type { Label, RuleFlag, Task } from './api';

/** What the inbox shows of a task's subject, whatever its chain: a kind tag, a link, its number, amount, gist and unit. */
export interface TaskSubject { tag?: Label; href: string; number?: string; amount?: string; gist?: string; unit?: string; flags: RuleFlag[] }

export function taskSubject(task: Task, l: (label: Label | null | undefined) => string): TaskSubject {
  if (task.loan) {
    const x = task.loan;
    return { tag: { zh: '借款', en: 'Loan' }, href: `/loans/${task.subjectId}`, number: x.number, amount: x.amount, gist: l(x.purposeLabel) || x.purpose, unit: x.unit?.name, flags: x.flags };
  }
  if (task.policy) {
    const x = task.policy;
    return { tag: { zh: '重大增支政策', en: 'Policy' }, href: `/policies/${task.subjectId}`, number: x.number, amount: x.yearlyCost, gist: x.title, unit: x.unit?.name, flags: [] };
  }
  if (task.changeOfUse) {
    const x = task.changeOfUse;
    return { tag: { zh: '预算调剂', en: 'Change of use' }, href: `/changes-of-use/${task.subjectId}`, number: x.number, amount: x.amount, gist: `${x.fromUse} → ${x.toUse}`, unit: x.unit?.name, flags: x.flags };
  }
  const x = task.request;
  return { href: `/budget-requests/${task.subjectId}`, number: x?.number, amount: x?.amount, gist: x?.purpose, unit: x?.unit?.name, flags: x?.flags ?? [] };
}
