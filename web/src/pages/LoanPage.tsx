import { useCallback, useEffect, useState } from 'react';
import { Card, Descriptions, Grid, Result, Space, Spin, Steps, Tag, Timeline, Typography } from 'antd';
import { Capitals } from '../components/AmountInput';
import { PrintButton, PrintHeader } from '../components/Print';
import { useParams, useSearchParams } from 'react-router-dom';
import { LOAN_STEPS, LoanStep } from '../../../domain/loan-chain';
import { api, ApiError, LoanDetail } from '../api';
import { useT } from '../i18n';
import { AuditTrail } from '../components/AuditTrail';
import { useAuth } from '../auth';
import { dateTime, yuan } from '../format';
import { FlagBadges, RuleTag } from '../components/RuleTags';
import { TreasuryCard } from '../components/TreasuryCard';
import { FindingsCard } from '../components/FindingsCard';
import { ApprovalRecordsCard } from '../components/ApprovalRecordsCard';
import { NudgeCard } from '../components/NudgeCard';
import { LoanRevisionCard } from '../components/LoanRevisionCard';
import { LOAN_STATUS } from './LoanListPage';
import { CardLine, ResponsiveList } from '../components/ResponsiveList';
import { MeetingLink } from '../components/MeetingLink';
import { DeciderName } from '../components/OnBehalfBadge';

type Repayment = LoanDetail['repayments'][number];

const CHAIN: LoanStep[] = ['finance_review', 'executive_meeting', 'disbursement'];
const ORDER = [...CHAIN, 'repayment', 'closed'];

/**
 * One loan: the chain as steps, decisions, repayments, R-L2 findings, and every reminder and escalation (R-L10);
 * the treasury disburses and records repayments here (`?action=disburse` opens at that form).
 */
export function LoanPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { t, l, lang } = useT();
  const { user } = useAuth();
  const phone = !Grid.useBreakpoint().md;
  const [detail, setDetail] = useState<LoanDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => api.get<LoanDetail>(`/loans/${id}`).then(setDetail).catch(setError), [id]);
  useEffect(() => { void load(); }, [load]);
  if (error) return <Result status={error.status === 404 ? '404' : '403'} title={error.message} />;
  if (!detail) return <Spin />;
  const loan = detail.loan;
  const at = ORDER.indexOf(loan.step);
  const steps = [
    ...CHAIN.map((step, i) => {
      const ds = detail.decisions.filter((d) => d.step === step);
      const status = loan.step === 'rejected' && ds.some((d) => d.action === 'reject') ? 'error' as const
        : at > i ? 'finish' as const : loan.step === step ? 'process' as const : 'wait' as const;
      return {
        title: LOAN_STEPS[step][lang], status,
        description: <div data-step={step}>{ds.map((d) => <div key={d.id}><small><DeciderName d={d} />：{l(d.actionLabel)} · {dateTime(d.decidedAt)}{d.meetingReference && <> · <MeetingLink reference={d.meetingReference} /></>}</small></div>)}</div>,
      };
    }),
    { title: t('还款期', 'Repayment'), status: loan.step === 'repayment' ? 'process' as const : loan.step === 'closed' ? 'finish' as const : 'wait' as const,
      description: loan.dueDate ? <small>{t('到期日', 'due')} {loan.dueDate}</small> : null },
    { title: t('结清', 'Closed'), status: loan.step === 'closed' ? 'finish' as const : 'wait' as const, description: null },
  ];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="loan-page">
      <PrintHeader title="借款审批单" />
      <Card extra={<PrintButton />} title={<Space wrap>{t('借款', 'Loan')} {loan.number}
        <Tag color={LOAN_STATUS[loan.status]?.color} data-testid="loan-status">{LOAN_STATUS[loan.status]?.[lang] ?? loan.status}</Tag>
        {loan.overdue && <Tag color="red">{t(`逾期${loan.daysOverdue}天`, `${loan.daysOverdue} days overdue`)} R-L10</Tag>}
        <FlagBadges flags={loan.flags} except={['R-L10']} /></Space>}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small" items={[
          { key: 'u', label: t('借款单位', 'Borrower'), children: loan.unit?.name },
          { key: 'a', label: t('金额', 'Amount'), children: <><b>{yuan(loan.amount)}</b><Capitals value={loan.amount} testId="loan-capitals" /></> },
          { key: 'o', label: t('未还余额', 'Outstanding'), children: <b data-testid="loan-outstanding">{yuan(loan.outstanding)}</b> },
          { key: 'p', label: <>{t('用途', 'Purpose')} <RuleTag id="R-L3" /></>, children: l(loan.purposeLabel) || loan.purpose },
          { key: 'r', label: <>{t('还款来源', 'Repayment source')} <RuleTag id="R-L5" /></>, children: loan.repaymentSource },
          { key: 't', label: <>{t('期限', 'Term')} <RuleTag id="R-L4" /></>, children: loan.termMonths ? t(`${loan.termMonths}个月`, `${loan.termMonths} months`) : loan.requestedDueDate },
          ...(loan.disbursedAt ? [
            { key: 'due', label: t('到期日', 'Due date'), children: <span data-testid="loan-due">{loan.dueDate}</span> },
            { key: 'ro', label: <>{t('借出责任人', 'Responsible officer')} <RuleTag id="R-L7" /></>, children: <span data-testid="loan-officer">{detail.responsibleOfficer?.displayName ?? loan.responsibleOfficerId}</span> },
            { key: 'ref', label: t('支付凭证号', 'Payment reference'), children: loan.disbursementReference ?? '—' },
          ] : []),
          { key: 'd', label: t('说明', 'Details'), children: loan.purposeDetails, span: 3 },
        ]} />
      </Card>
      <div className="no-print"><LoanRevisionCard detail={detail} onChanged={load} /></div>
      <Card title={t('审批与放款', 'Approval and disbursement')}><Steps items={steps} titlePlacement="vertical" orientation={phone ? 'vertical' : 'horizontal'} /></Card>
      <div className="no-print"><TreasuryCard detail={detail} focus={params.get('action') === 'disburse'} onChanged={load} /></div>
      <Card title={<>{t('还款计划与还款记录', 'Repayment plan and repayments')} <RuleTag id="R-L10" /></>}>
        {loan.instalmentPlan && <Typography.Paragraph>{t('分期计划', 'Instalments')}：{loan.instalmentPlan.map((i) => t(`放款后第${i.afterMonths}个月 ${yuan(i.amount)}`, `month ${i.afterMonths}: ${yuan(i.amount)}`)).join('；')}</Typography.Paragraph>}
        <ResponsiveList<Repayment> items={detail.repayments} rowKey={(r) => r.id} number={(r) => r.paymentId} testId="repayments" table={{ size: 'small', pagination: false, scroll: undefined }}
          empty={t('暂无还款', 'No repayments yet')} columns={[
            { title: t('付款编号', 'Payment'), dataIndex: 'paymentId' }, { title: t('日期', 'Date'), dataIndex: 'paidOn' },
            { title: t('金额', 'Amount'), key: 'a', align: 'right', render: (_, r) => yuan(r.amount) },
            { title: t('还款后余额', 'Outstanding after'), key: 'o', align: 'right', render: (_, r) => yuan(r.outstandingAfter) },
          ]}
          card={(r) => <>
            <CardLine left={r.paymentId} right={<b>{yuan(r.amount)}</b>} />
            <CardLine left={r.paidOn} right={<>{t('还款后余额', 'Outstanding after')} {yuan(r.outstandingAfter)}</>} />
          </>} />
      </Card>
      <FindingsCard detail={detail} onChanged={load} />
      <NudgeCard path={`/loans/${loan.id}`} onNudged={() => void load()} />
      <ApprovalRecordsCard path={`/loans/${loan.id}`} number={loan.number} />
      <Card title={t('提醒与督办', 'Reminders and escalations')}>
        {detail.notices.length ? (
          <Timeline items={detail.notices.map((n) => ({
            key: n.seq, color: n.kind === 'reminder' ? 'blue' : 'red',
            children: <><b>{l(n.kindLabel) || n.kind}</b> · {n.date} · {n.daysFromDue < 0 ? t(`到期前${-n.daysFromDue}天`, `${-n.daysFromDue} d before due`) : t(`逾期${n.daysFromDue}天`, `${n.daysFromDue} d overdue`)}
              · {t('未还', 'outstanding')} {yuan(n.outstanding)}{n.interview ? ` · ${t('约谈', 'interview')}` : ''}{n.accountability ? ` · ${t('问责', 'accountability')}` : ''}</>,
          }))} />
        ) : <Typography.Text type="secondary">{t('暂无', 'None yet')}</Typography.Text>}
      </Card>
      <AuditTrail audit={detail.audit} names={Object.fromEntries([
        ...detail.decisions.map((d) => [d.actorId, d.actorName]), ...detail.findings.map((f) => [f.recordedById, f.recordedByName ?? undefined]),
        ...(detail.responsibleOfficer ? [[detail.responsibleOfficer.id, detail.responsibleOfficer.displayName]] : []), ...(user ? [[user.id, user.displayName]] : []),
      ])} />
    </Space>
  );
}
