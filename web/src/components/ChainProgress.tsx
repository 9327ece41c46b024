import { Grid, Steps } from 'antd';
import type { Label } from '../api';
import type { ChainDecision } from '../chains-api';
import { useT } from '../i18n';
import { dateTime } from '../format';
import { RuleTag } from './RuleTags';
import { MeetingLink } from './MeetingLink';
import { DeciderName } from './OnBehalfBadge';

/**
 * A chain's steps in order, each with who decided what and when (and the meeting or filing reference);
 * the step that ended the chain shows as failed. Vertical on a phone.
 */
export function ChainProgress({ steps, position, failed, done, decisions }: {
  /** the chain's steps in order, then the terminal the chain reaches when every step approves */
  steps: { key: string; label: Label; ruleId?: string }[];
  /** where the subject stands now: a step or a terminal */
  position: string;
  /** the subject ended without reaching the last terminal (rejected, not affordable, withdrawn) */
  failed: boolean;
  /** the subject reached the last terminal */
  done: boolean;
  decisions: ChainDecision[];
}) {
  const { l } = useT();
  const phone = !Grid.useBreakpoint().md;
  // A chain that ended early stopped at the step of its last decision.
  const stoppedAt = failed ? steps.findIndex((s) => s.key === decisions[decisions.length - 1]?.step) : -1;
  const at = done ? steps.length - 1 : failed ? stoppedAt : steps.findIndex((s) => s.key === position);
  return (
    <Steps titlePlacement="vertical" orientation={phone ? 'vertical' : 'horizontal'} items={steps.map((s, i) => ({
      title: <>{l(s.label)}{s.ruleId && <> <RuleTag id={s.ruleId} /></>}</>,
      status: i < at || (done && i === at) ? 'finish' : i === at ? (failed ? 'error' : 'process') : 'wait',
      description: (
        <div data-step={s.key}>
          {decisions.filter((d) => d.step === s.key).map((d) => (
            <div key={d.id}><small><DeciderName d={d} />：{l(d.actionLabel)} · {dateTime(d.decidedAt)}
              {d.meetingReference && <> · <MeetingLink reference={d.meetingReference} /></>}{d.resolutionReference ? ` · ${d.resolutionReference}` : ''}
              {d.comment ? ` ·「${d.comment}」` : ''}</small></div>
          ))}
        </div>
      ),
    }))} />
  );
}
