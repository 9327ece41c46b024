import { useEffect, useRef } from 'react';
import { Alert, Card, Space } from 'antd';
import type { LoanDetail } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { RuleTag } from './RuleTags';
import { DisburseForm } from './DisburseForm';
import { RepaymentForm } from './RepaymentForm';

/**
 * The treasury's part of a loan (国库股), for treasury officers only: disburse it once approved,
 * then record repayments until the balance is zero. `focus` scrolls to it (from the inbox).
 */
export function TreasuryCard({ detail, focus, onChanged }: { detail: LoanDetail; focus: boolean; onChanged: () => void }) {
  const { t } = useT();
  const { has } = useAuth();
  const ref = useRef<HTMLDivElement>(null);
  const { loan } = detail;
  const at = loan.step === 'disbursement' || loan.step === 'repayment' ? loan.step : null;
  const shown = has('treasury_officer') && at !== null;
  useEffect(() => { if (focus && shown) ref.current?.scrollIntoView({ block: 'start' }); }, [focus, shown]);
  if (!shown) return null;
  // A queued instruction goes out by itself when the suspension lifts; until then the loan stays at
  // disbursement. If R-L8 refused it on resuming, the treasury may instruct again.
  const lastInstruction = detail.audit.filter((e) => e.type === 'disbursement_queued' || e.type === 'disbursement_refused').pop();
  const queued = at === 'disbursement' && lastInstruction?.type === 'disbursement_queued';
  const refused = at === 'disbursement' && lastInstruction?.type === 'disbursement_refused'
    ? lastInstruction.data as { ruleIds?: string[]; detail?: string } : null;
  return (
    <div ref={ref} id="treasury">
      <Card data-testid="treasury-card" title={at === 'disbursement'
        ? <Space size={4}>{t('放款', 'Disburse')}<RuleTag id="R-L8" /><RuleTag id="R-L4" /><RuleTag id="R-L7" /></Space>
        : <Space size={4}>{t('登记还款', 'Record repayment')}<RuleTag id="R-L10" /></Space>}>
        {queued ? (
          <Alert type="warning" showIcon data-testid="disbursement-queued"
            title={<>{t('暂停支付期间已排队', 'Queued while disbursements are suspended')} <RuleTag id="R-M3" /></>}
            description={t('财政局局长已暂停支付；放款指令已保存，恢复支付后自动放款，无需再次提交。', 'The finance director has suspended disbursements; the instruction is kept and goes out when they resume. Nothing more to do.')} />
        ) : at === 'disbursement' ? (
          <>
            {refused && (
              <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="disbursement-refused"
                title={t('恢复支付后，排队的放款指令未能执行', 'The queued disbursement was refused when payments resumed')}
                description={refused.detail} />
            )}
            <DisburseForm loan={loan} onDone={onChanged} />
          </>
        ) : <RepaymentForm loan={loan} onDone={onChanged} />}
      </Card>
    </div>
  );
}
