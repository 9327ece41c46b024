import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Input, Modal, Space } from 'antd';
import { api, ApiError, idempotencyKey, LoanDetail } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { dateTime } from '../format';
import { ErrorAlert } from './RuleTags';
import { LoanApplicationForm } from '../pages/NewLoanPage';

/**
 * The borrower clerk's side of a loan: a returned loan is revised and resubmitted into the same loan,
 * or withdrawn; before anyone has decided it, it can be withdrawn too.
 */
export function LoanRevisionCard({ detail, onChanged }: { detail: LoanDetail; onChanged: () => void }) {
  const { t, l } = useT();
  const { user, has } = useAuth();
  const { message } = App.useApp();
  const [revising, setRevising] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const withdrawKey = useMemo(() => idempotencyKey(), []);
  const loan = detail.loan;
  const ownClerk = has('dept_clerk') && user?.unitId === loan.unitId;
  const returned = loan.status === 'returned';
  const undecided = loan.step === 'finance_review' && detail.decisions.length === 0;
  if (!ownClerk || (!returned && !undecided)) return null;
  const lastReturn = [...detail.decisions].reverse().find((d) => d.action === 'return');

  const withdraw = async () => {
    setError(null);
    try {
      await api.post(`/loans/${loan.id}/withdraw`, reason.trim() ? { comment: reason.trim() } : {}, withdrawKey);
      setWithdrawing(false);
      message.success(t('已撤回', 'Withdrawn'));
      onChanged();
    } catch (e) { setError(e as ApiError); }
  };

  return (
    <Card title={returned ? t('退回修改', 'Returned for revision') : t('撤回借款申请', 'Withdraw the application')} data-testid="loan-revision">
      {returned && lastReturn && <Alert type="warning" showIcon style={{ marginBottom: 16 }}
        title={`${lastReturn.actorName ?? ''}：${lastReturn.comment ?? ''}`} description={`${l(lastReturn.stepLabel)} · ${dateTime(lastReturn.decidedAt)}`} />}
      {revising ? (
        <LoanApplicationForm revise={{ loan, onSaved: () => { setRevising(false); message.success(t('已重新提交', 'Resubmitted')); onChanged(); } }} />
      ) : (
        <Space wrap>
          {returned && <Button type="primary" onClick={() => setRevising(true)} data-testid="loan-revise">{t('修改并重新提交', 'Revise and resubmit')}</Button>}
          <Button danger onClick={() => setWithdrawing(true)} data-testid="loan-withdraw">{t('撤回申请', 'Withdraw')}</Button>
        </Space>
      )}
      <Modal open={withdrawing} title={t('撤回借款申请', 'Withdraw the loan application')} onOk={withdraw} onCancel={() => setWithdrawing(false)}
        okButtonProps={{ danger: true }} okText={t('撤回', 'Withdraw')} cancelText={t('取消', 'Cancel')}>
        <Input.TextArea rows={3} placeholder={t('撤回理由（选填）', 'Reason (optional)')} value={reason} onChange={(e) => setReason(e.target.value)} />
        <ErrorAlert error={error} />
      </Modal>
    </Card>
  );
}
