import { Card, Descriptions, Result, Space, Spin, Tag } from 'antd';
import { useParams } from 'react-router-dom';
import { CHANGE_OF_USE_STEPS } from '../../../../domain/change-of-use';
import { ApiError } from '../../api';
import type { ChangeOfUseDetail } from '../../chains-api';
import { useT } from '../../i18n';
import { dateTime, yuan } from '../../format';
import { Capitals } from '../../components/AmountInput';
import { ChainProgress } from '../../components/ChainProgress';
import { AuditTrail } from '../../components/AuditTrail';
import { NudgeCard } from '../../components/NudgeCard';
import { ApprovalRecordsCard } from '../../components/ApprovalRecordsCard';
import { FlagBadges } from '../../components/RuleTags';
import { PrintButton, PrintHeader } from '../../components/Print';
import { STATUS_COLORS, useLoaded } from './use-loaded';

const STEPS = [
  { key: 'finance_review', label: CHANGE_OF_USE_STEPS.finance_review, ruleId: 'R-B10' },
  { key: 'leader_in_charge', label: CHANGE_OF_USE_STEPS.leader_in_charge },
  { key: 'executive_meeting', label: CHANGE_OF_USE_STEPS.executive_meeting },
  { key: 'approved', label: { zh: '调剂生效', en: 'Recorded' } },
];

/** One change of use: from what to what, how much, and where it stands in the R-B10 chain. */
export function ChangeOfUsePage() {
  const { id } = useParams();
  const { t, l } = useT();
  const { data, error, reload } = useLoaded<ChangeOfUseDetail>(`/changes-of-use/${id}`);
  if (error) return <Result status={error instanceof ApiError && error.status === 404 ? '404' : '403'} title={error.message} />;
  if (!data) return <Spin />;
  const c = data.changeOfUse;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="change-of-use-page">
      <PrintHeader title="预算调剂审批单" />
      <Card extra={<PrintButton />} title={<Space wrap>{t('预算调剂', 'Change of use')} {c.number}
        <Tag color={STATUS_COLORS[c.status]} data-testid="change-of-use-status">{l(c.statusLabel)}</Tag><FlagBadges flags={c.flags} /></Space>}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" items={[
          { key: 'u', label: t('申请单位', 'Unit'), children: c.unit?.name },
          { key: 'a', label: t('调剂金额', 'Amount'), children: <><b data-testid="change-amount">{yuan(c.amount)}</b><Capitals value={c.amount} /></> },
          { key: 'f', label: t('调出', 'From'), children: <span data-testid="change-from">{c.fromUse}（{l(c.fromCategoryLabel)}）</span> },
          { key: 't', label: t('调入', 'To'), children: <span data-testid="change-to">{c.toUse}（{l(c.toCategoryLabel)}）</span> },
          { key: 'y', label: t('预算年度', 'Fiscal year'), children: c.fiscalYear },
          { key: 'd', label: t('提交时间', 'Filed'), children: dateTime(c.createdAt) },
          { key: 'r', label: t('调剂理由', 'Reason'), children: c.reason, span: 2 },
          ...(c.meetingReference ? [{ key: 'm', label: t('常务会议', 'Executive meeting'), children: c.meetingReference }] : []),
          ...(c.recordedAt ? [{ key: 'rec', label: t('调剂生效时间', 'Recorded'), children: dateTime(c.recordedAt) }] : []),
        ]} />
      </Card>
      <Card title={t('审批进度', 'Approval')}>
        <ChainProgress steps={STEPS} position={c.step} decisions={data.decisions}
          done={c.status === 'approved'} failed={['rejected', 'withdrawn'].includes(c.status)} />
      </Card>
      <NudgeCard path={`/changes-of-use/${c.id}`} onNudged={reload} />
      <ApprovalRecordsCard path={`/changes-of-use/${c.id}`} number={c.number} onChanged={reload} />
      <AuditTrail audit={data.audit} />
    </Space>
  );
}
