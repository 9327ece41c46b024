import { Alert, Card, Descriptions, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { POLICY_STEPS } from '../../../../domain/policy';
import { RULES } from '../../../../domain/rules';
import { ApiError } from '../../api';
import type { PolicyDetail } from '../../chains-api';
import { useT } from '../../i18n';
import { dateTime, yuan } from '../../format';
import { Capitals } from '../../components/AmountInput';
import { ChainProgress } from '../../components/ChainProgress';
import { AuditTrail } from '../../components/AuditTrail';
import { NudgeCard } from '../../components/NudgeCard';
import { ApprovalRecordsCard } from '../../components/ApprovalRecordsCard';
import { PrintButton, PrintHeader } from '../../components/Print';
import { STATUS_COLORS, useLoaded } from './use-loaded';
import { MeetingLink } from '../../components/MeetingLink';

const STEPS = [
  { key: 'affordability_assessment', label: POLICY_STEPS.affordability_assessment, ruleId: 'R-B9' },
  { key: 'executive_meeting', label: POLICY_STEPS.executive_meeting },
  { key: 'higher_level_filing', label: POLICY_STEPS.higher_level_filing },
  { key: 'in_force', label: { zh: '生效执行', en: 'In force' } },
];

/** One policy: what it costs, where it stands in the R-B9 chain, its references, and the budgets implementing it. */
export function PolicyPage() {
  const { id } = useParams();
  const { t, l } = useT();
  const { data, error, reload } = useLoaded<PolicyDetail>(`/policies/${id}`);
  if (error) return <Result status={error instanceof ApiError && error.status === 404 ? '404' : '403'} title={error.message} />;
  if (!data) return <Spin />;
  const p = data.policy;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="policy-page">
      <PrintHeader title="重大增支政策审批单" />
      <Card extra={<PrintButton />} title={<Space wrap>{t('重大增支政策', 'Policy')} {p.number}
        <Tag color={STATUS_COLORS[p.status]} data-testid="policy-status">{l(p.statusLabel)}</Tag></Space>}>
        {p.status === 'not_affordable' && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="policy-ended"
            title={`R-B9「${RULES['R-B9'].zh}」`} description={t('经财政可承受能力评估认定不具备实施条件，本政策不得实施。', 'Assessed unaffordable: this policy may never be implemented.')} />
        )}
        <Descriptions column={{ xs: 1, md: 2 }} size="small" items={[
          { key: 't', label: t('政策名称', 'Title'), children: <b data-testid="policy-title">{p.title}</b>, span: 2 },
          { key: 'u', label: t('起草单位', 'Drafting unit'), children: p.unit?.name },
          { key: 'c', label: t('每年所需经费', 'Yearly cost'), children: <><b data-testid="policy-cost">{yuan(p.yearlyCost)}</b><Capitals value={p.yearlyCost} /></> },
          { key: 'y', label: t('预算年度', 'Fiscal year'), children: p.fiscalYear },
          { key: 'f', label: t('报送时间', 'Filed'), children: dateTime(p.createdAt) },
          ...(p.scope ? [{ key: 'sc', label: t('实施范围', 'Scope'), children: p.scope, span: 2 }] : []),
          { key: 's', label: t('政策内容', 'Summary'), children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{p.summary}</Typography.Paragraph>, span: 2 },
          ...(p.assessment ? [{ key: 'a', label: t('可承受能力评估', 'Assessment'), children: <>{l(p.assessment.outcomeLabel)}{p.assessment.reference ? ` · ${p.assessment.reference}` : ''}{p.assessment.note ? ` ·「${p.assessment.note}」` : ''}</>, span: 2 }] : []),
          ...(p.meetingReference ? [{ key: 'm', label: t('常务会议', 'Executive meeting'), children: <MeetingLink reference={p.meetingReference} /> }] : []),
          ...(p.filingReference ? [{ key: 'fr', label: t('上级政府备案文号', 'Filing reference'), children: <span data-testid="policy-filing">{p.filingReference}{p.filingAuthority ? ` · ${p.filingAuthority}` : ''}</span> }] : []),
          ...(p.inForceAt ? [{ key: 'if', label: t('生效时间', 'In force since'), children: dateTime(p.inForceAt) }] : []),
        ]} />
      </Card>
      <Card title={t('审批进度', 'Approval')}>
        <ChainProgress steps={STEPS} position={p.step} decisions={data.decisions}
          done={p.status === 'in_force'} failed={['not_affordable', 'rejected', 'withdrawn'].includes(p.status)} />
      </Card>
      <NudgeCard path={`/policies/${p.id}`} onNudged={reload} />
      <Card title={<>{t('执行本政策的追加预算', 'Supplementary budgets implementing it')}</>}>
        <Table size="small" rowKey="id" pagination={false} dataSource={data.budgetRequests} scroll={{ x: 'max-content' }} data-testid="policy-budgets"
          locale={{ emptyText: t('暂无', 'None yet') }} columns={[
            { title: t('编号', 'Number'), key: 'n', render: (_, b) => <Link to={`/budget-requests/${b.id}`}>{b.number}</Link> },
            { title: t('单位', 'Unit'), dataIndex: 'unit', responsive: ['md'] },
            { title: t('用途', 'Purpose'), dataIndex: 'purpose', responsive: ['sm'] },
            { title: t('金额', 'Amount'), key: 'a', align: 'right', render: (_, b) => yuan(b.amount) },
          ]} />
      </Card>
      <ApprovalRecordsCard path={`/policies/${p.id}`} number={p.number} onChanged={reload} />
      <AuditTrail audit={data.audit} />
    </Space>
  );
}
