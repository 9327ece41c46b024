import { ChainDefinition, chainPositionLabel } from '../../domain';
import { yuanText } from '../../activities/mail-format';
import type { PolicyRow } from '../policies/presenter';
import { ChangeOfUseRow, presentChangeOfUse } from '../changes-of-use/presenter';
import { esc } from './pages';

/** A subject's facts on an e-mail link page: label/value rows, the task's step, a link to its full record. */
function factsPage(def: ChainDefinition, rows: [string, string][], path: string, task?: { step: string; round: number }): string {
  const step = task ? chainPositionLabel(def, task.step) : undefined;
  return `<dl>
${rows.map(([label, value]) => `<dt>${esc(label)}</dt><dd>${esc(value)}</dd>`).join('\n')}
${step && task ? `<dt>环节 / Step</dt><dd>${esc(step.zh)}（第${esc(task.round)}轮） <span class="note">${esc(step.en)}, round ${esc(task.round)}</span></dd>` : ''}
</dl><p class="note"><a href="${esc(path)}">查看全部记录 / See the full history</a></p>`;
}

export const policyFacts = (def: ChainDefinition) => (p: PolicyRow & { unit: { name: string } }, task?: { step: string; round: number }) => factsPage(def, [
  ['政策编号 / Policy', p.number], ['政策名称 / Title', p.title], ['起草单位 / Drafting unit', p.unit.name],
  ['每年所需经费 / Yearly cost', yuanText(p.yearlyCost)], ['政策内容 / Summary', p.summary],
], `/policies/${p.id}`, task);

export const changeOfUseFacts = (def: ChainDefinition) => (c: ChangeOfUseRow & { unit: { name: string } }, task?: { step: string; round: number }) => {
  const v = presentChangeOfUse(c);
  return factsPage(def, [
    ['申请编号 / Request', c.number], ['预算单位 / Unit', c.unit.name], ['金额 / Amount', yuanText(v.amount)],
    ['调出用途 / From', `${c.fromUse}（${v.fromCategoryLabel.zh}）`], ['调入用途 / To', `${c.toUse}（${v.toCategoryLabel.zh}）`], ['理由 / Reason', c.reason],
  ], `/changes-of-use/${c.id}`, task);
};
