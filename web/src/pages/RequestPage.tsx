import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Grid, Input, Modal, Space, Steps, Table, Tag, Timeline, Typography, Result, Spin } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { BUDGET_CHAIN, BUDGET_STEPS, BudgetStep } from '../../../domain/budget-chain';
import { api, ApiError, Decision, idempotencyKey, RequestDetail } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { AuditTrail } from '../components/AuditTrail';
import { ApprovalRecordsCard } from '../components/ApprovalRecordsCard';
import { NudgeCard } from '../components/NudgeCard';
import { dateTime, yuan } from '../format';
import { ErrorAlert, FlagBadges, RuleTag } from '../components/RuleTags';
import { BudgetRequestForm } from '../components/BudgetRequestForm';
import { STATUS } from './RequestListPage';
import { Capitals } from '../components/AmountInput';
import { PrintButton, PrintHeader } from '../components/Print';
import { MeetingLink } from '../components/MeetingLink';
import { DeciderName } from '../components/OnBehalfBadge';

const FORWARD = ['approve', 'acknowledge'];
const HOLDING: Record<string, { zh: string; en: string; color: string }> = {
  reserved: { zh: '已预留', en: 'Reserved', color: 'gold' },
  committed: { zh: '已承诺（执行）', en: 'Committed', color: 'green' },
  released: { zh: '已释放', en: 'Released', color: 'default' },
};

/** One request: the R-B2 chain as steps, every round of revision, the money it holds and its schedule. */
export function RequestPage() {
  const { id } = useParams();
  const { t, l, lang } = useT();
  const phone = !Grid.useBreakpoint().md;
  const { user, has } = useAuth();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<RequestDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [revising, setRevising] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [withdrawError, setWithdrawError] = useState<ApiError | null>(null);
  const withdrawKey = useMemo(() => idempotencyKey(), []);

  const load = useCallback(() => api.get<RequestDetail>(`/budget-requests/${id}`).then(setDetail).catch(setError), [id]);
  useEffect(() => { void load(); }, [load]);
  if (error) return <Result status={error.status === 404 ? '404' : '403'} title={error.message} />;
  if (!detail) return <Spin />;
  const r = detail.request;
  const current = detail.decisions.filter((d) => d.round === r.round);
  const mayRevise = r.status === 'returned' && has('dept_clerk') && user?.unitId === r.unitId;
  const lastReturn = [...detail.decisions].reverse().find((d) => d.action === 'return' || d.action === 'object');

  const stepItems = [
    { title: t('单位提交', 'Filed'), status: 'finish' as const, description: <small>{t(`第${r.round}轮`, `round ${r.round}`)} · {dateTime(detail.rounds.find((x) => x.round === r.round)?.submittedAt)}</small> },
    ...BUDGET_CHAIN.map((step) => {
      const ds = current.filter((d) => d.step === step);
      const stopped = ds.find((d) => !FORWARD.includes(d.action));
      const done = ds.length > 0 && !stopped && (step !== 'leader_briefing' || BUDGET_CHAIN.indexOf(r.step as BudgetStep) > BUDGET_CHAIN.indexOf(step) || r.step === 'executed');
      const status = stopped ? 'error' as const : done ? 'finish' as const : r.step === step ? 'process' as const : 'wait' as const;
      return {
        title: BUDGET_STEPS[step][lang], status,
        description: <div data-step={step}>{ds.map((d) => <DecisionLine key={d.id} d={d} />)}
          {r.step === step && detail.tasks.filter((x) => x.status === 'open').map((x) => <div key={x.id}><small>{t('待', 'waiting on')} {x.assigneeName}</small></div>)}</div>,
      };
    }),
    { title: t('批复执行', 'Executed'), status: r.step === 'executed' ? 'finish' as const : 'wait' as const, description: r.step === 'executed' ? <small>{t('已按进度拨付（R-B6）', 'Scheduled (R-B6)')}</small> : null },
  ];

  const withdraw = async () => {
    setWithdrawError(null);
    try {
      await api.post(`/budget-requests/${r.id}/withdraw`, { comment: reason }, withdrawKey);
      setWithdrawing(false);
      message.success(t('已撤回', 'Withdrawn'));
      void load();
    } catch (e) { setWithdrawError(e as ApiError); }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="request-page">
      <PrintHeader title="追加预算申请单" />
      <Card extra={<PrintButton />} title={<Space wrap>
        <span>{t('追加预算申请', 'Supplementary-budget request')} {r.number}</span>
        <Tag color={STATUS[r.status]?.color} data-testid="request-status">{STATUS[r.status]?.[lang] ?? r.status}</Tag>
        <FlagBadges flags={r.flags} />
      </Space>}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small" items={[
          { key: 'unit', label: t('预算单位', 'Unit'), children: r.unit?.name },
          { key: 'amount', label: t('金额', 'Amount'), children: <><b data-testid="request-amount">{yuan(r.amount)}</b><Capitals value={r.amount} testId="request-capitals" /></> },
          { key: 'year', label: t('预算年度', 'Fiscal year'), children: r.fiscalYear },
          { key: 'cat', label: t('类别', 'Category'), children: l(r.categoryLabel) },
          { key: 'step', label: t('当前环节', 'Current step'), children: <>{l(r.stepLabel)} · {t(`第${r.round}轮`, `round ${r.round}`)}</> },
          { key: 'rule', label: t('审批依据', 'Rule'), children: <RuleTag id="R-B2" /> },
          { key: 'purpose', label: t('用途', 'Purpose'), children: r.purpose, span: 3 },
          ...(r.justification ? [{ key: 'j', label: t('理由', 'Justification'), children: r.justification, span: 3 }] : []),
          ...(detail.policy ? [{ key: 'policy', label: <>{t('执行政策', 'Implements')} <RuleTag id="R-B9" /></>, children: <Link to={`/policies/${detail.policy.id}`} data-testid="request-policy">{detail.policy.number} {detail.policy.title}</Link>, span: 3 }] : []),
        ]} />
      </Card>

      <Card title={t('审批链（R-B2）', 'Approval chain (R-B2)')}>
        <Steps items={stepItems} titlePlacement="vertical" orientation={phone ? 'vertical' : 'horizontal'} data-testid="chain-steps" />
      </Card>

      {mayRevise && (
        <Card title={t('退回修改', 'Returned for revision')}>
          {lastReturn && <Alert type="warning" showIcon style={{ marginBottom: 16 }}
            title={`${lastReturn.actorName ?? ''}：${lastReturn.comment ?? ''}`} description={`${l(lastReturn.stepLabel)} · ${dateTime(lastReturn.decidedAt)}`} />}
          {revising ? (
            <BudgetRequestForm submitPath={`/budget-requests/${r.id}/resubmit`} round={r.round}
              initial={{ fiscalYear: r.fiscalYear, amount: r.amount, category: r.category as never, purpose: r.purpose, justification: r.justification, disbursementPlan: r.disbursementPlan ?? undefined }}
              onSaved={() => { setRevising(false); message.success(t('已重新提交', 'Resubmitted')); void load(); }} />
          ) : (
            <Space>
              <Button type="primary" onClick={() => setRevising(true)} data-testid="revise">{t('修改并重新提交', 'Revise and resubmit')}</Button>
              <Button danger onClick={() => setWithdrawing(true)} data-testid="withdraw">{t('撤回申请', 'Withdraw')}</Button>
            </Space>
          )}
          <Modal open={withdrawing} title={t('撤回申请', 'Withdraw the request')} onOk={withdraw} onCancel={() => setWithdrawing(false)}
            okButtonProps={{ danger: true, disabled: !reason.trim() }} okText={t('撤回', 'Withdraw')} cancelText={t('取消', 'Cancel')}>
            <Input.TextArea rows={3} placeholder={t('撤回理由', 'Reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
            <ErrorAlert error={withdrawError} />
          </Modal>
        </Card>
      )}

      <NudgeCard path={`/budget-requests/${detail.request.id}`} onNudged={() => void load()} />
      <ApprovalRecordsCard path={`/budget-requests/${detail.request.id}`} number={detail.request.number} />

      <Card title={t('全部审批记录（含各轮修改）', 'Full history (every round)')}>
        <Timeline data-testid="history" items={detail.rounds.flatMap((round) => [
          {
            color: 'blue', key: `round-${round.round}`,
            children: <div data-round={round.round}><b>{t(`第${round.round}轮提交`, `Round ${round.round} filed`)}</b> · {yuan(round.content.amount)} · {round.content.purpose}
              <br /><Typography.Text type="secondary">{dateTime(round.submittedAt)}</Typography.Text></div>,
          },
          ...(detail.consultations ?? []).filter((c) => c.round === round.round).map((c) => ({
            key: c.id, color: 'gray',
            children: <div data-consultation={c.id}><b>{t('征求意见', 'Opinion asked')}</b>：{c.askedByName} → {c.consulteeName}：{c.question}
              <br />{c.answer ? <>{t('答复', 'Answer')}：{c.answer} <Typography.Text type="secondary">{dateTime(c.answeredAt)}</Typography.Text></> : <Typography.Text type="secondary">{t('尚未答复', 'not answered yet')}</Typography.Text>}</div>,
          })),
          ...detail.decisions.filter((d) => d.round === round.round).map((d) => ({
            key: d.id, color: FORWARD.includes(d.action) || d.action === 'resubmit' ? 'green' : 'red',
            children: <div data-decision={`${d.step}:${d.action}`}><b>{l(d.stepLabel)}</b>：{l(d.actionLabel)} — <DeciderName d={d} />
              {d.proceededAnyway && <Tag color="orange">{t('未等征求意见答复', 'decided before the opinions came')}</Tag>}
              <br /><Typography.Text type="secondary">{dateTime(d.decidedAt)}</Typography.Text>
              {d.comment && <div>{t('意见', 'Comment')}：{d.comment}</div>}
              {d.meetingReference && <div>{l(d.meetingLabel)}：<MeetingLink reference={d.meetingReference} /></div>}
              {d.resolutionReference && <div>{t('批复文号', 'Resolution')}：{d.resolutionReference}</div>}</div>,
          })),
        ])} />
      </Card>

      <Space align="start" wrap style={{ width: '100%' }} size="large">
        <Card title={<>{t('可用财力占用', 'Held against available resources')} <RuleTag id="R-B3" /></>} style={{ minWidth: 'min(320px, 100%)' }}>
          {detail.reservation ? (
            <Descriptions column={1} size="small" items={[
              { key: 'a', label: t('金额', 'Amount'), children: yuan(detail.reservation.amount) },
              { key: 's', label: t('状态', 'Status'), children: <Tag color={HOLDING[detail.reservation.status]?.color} data-testid="reservation-status">{HOLDING[detail.reservation.status]?.[lang] ?? detail.reservation.status}</Tag> },
              { key: 'y', label: t('年度', 'Year'), children: detail.reservation.fiscalYear },
            ]} />
          ) : <Typography.Text type="secondary">{t('财政审核同意后预留', 'Reserved once finance review approves')}</Typography.Text>}
        </Card>
        <Card title={<>{t('拨付计划', 'Disbursement schedule')} <RuleTag id="R-B6" /></>} style={{ minWidth: 'min(360px, 100%)' }}>
          {detail.disbursementSchedule.length ? (
            <Table size="small" rowKey="seq" pagination={false} dataSource={detail.disbursementSchedule} data-testid="schedule" columns={[
              { title: t('期次', 'No.'), dataIndex: 'seq' }, { title: t('月份', 'Month'), dataIndex: 'month' },
              { title: t('金额', 'Amount'), key: 'a', align: 'right', render: (_, s) => yuan(s.amount) },
            ]} />
          ) : <Typography.Text type="secondary">{t('批复执行后按进度拨付', 'Scheduled once executed')}{r.disbursementPlan ? ` · ${t('计划', 'plan')}: ${r.disbursementPlan.map((p) => `${p.month} ${yuan(p.amount)}`).join('，')}` : ''}</Typography.Text>}
        </Card>
      </Space>

      <AuditTrail audit={detail.audit} names={Object.fromEntries([
        ...detail.tasks.map((x) => [x.assigneeId, x.assigneeName]), ...detail.decisions.map((d) => [d.actorId, d.actorName]), ...(user ? [[user.id, user.displayName]] : []),
      ])} />
    </Space>
  );
}

function DecisionLine({ d }: { d: Decision }) {
  const { l } = useT();
  return (
    <div><small>{d.actorName}：{l(d.actionLabel)} · {dateTime(d.decidedAt)}
      {d.meetingReference && <> · <MeetingLink reference={d.meetingReference} /></>}{d.resolutionReference ? ` · ${d.resolutionReference}` : ''}</small></div>
  );
}
