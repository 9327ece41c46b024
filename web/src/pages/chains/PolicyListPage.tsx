import { Button, Card, Select, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { POLICY_STATUSES } from '../../../../domain/policy';
import { RULES } from '../../../../domain/rules';
import type { Listed, Policy } from '../../chains-api';
import { useAuth } from '../../auth';
import { useT } from '../../i18n';
import { dateTime } from '../../format';
import { Money, MoneyUnitSwitch } from '../../money-unit';
import { LoadError } from '../../components/LoadError';
import { CardLine, ResponsiveList } from '../../components/ResponsiveList';
import { STATUS_COLORS, useLoaded } from './use-loaded';

/** Major spending-increase policies (R-B9): clerks see their unit's and every one in force; filter by status. One card per policy on a phone. */
export function PolicyListPage() {
  const { t, l, lang } = useT();
  const { has } = useAuth();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const { data, error, reload } = useLoaded<Listed<Policy>>(`/policies?${new URLSearchParams({ ...(status ? { status } : {}), limit: '500' })}`);
  const link = (r: Policy) => <Link to={`/policies/${r.id}`}>{r.number}</Link>;
  const state = (r: Policy) => <><Tag color={STATUS_COLORS[r.status]}>{l(r.statusLabel)}</Tag>{r.status === 'in_review' && l(r.stepLabel)}</>;
  return (
    <Card data-testid="policy-list"
      title={<Space wrap>{t('重大增支政策', 'Major spending-increase policies')}{data && <Tag data-testid="policy-total">{data.total}</Tag>}</Space>}
      extra={<Space wrap>
        <MoneyUnitSwitch />
        {has('dept_clerk') && <Link to="/policies/new"><Button type="primary" data-testid="new-policy">{t('报送政策', 'File a policy')}</Button></Link>}
      </Space>}>
      <Typography.Paragraph type="secondary">R-B9「{RULES['R-B9'].zh}」</Typography.Paragraph>
      <Select allowClear placeholder={t('全部状态', 'All statuses')} value={status} style={{ width: 220, marginBottom: 16 }} data-testid="filter-status"
        onChange={(v) => setParams(v ? { status: v } : {})}
        options={Object.entries(POLICY_STATUSES).map(([k, s]) => ({ value: k, label: s[lang] }))} />
      {error && <LoadError error={error} onRetry={reload} />}
      <ResponsiveList<Policy> items={error ? [] : data?.items ?? null} rowKey={(r) => r.id} number={(r) => r.number} testId="policy-entries"
        empty={t('暂无政策', 'No policies')} columns={[
          { title: t('编号', 'Number'), key: 'n', render: (_, r) => link(r) },
          { title: t('政策名称', 'Title'), dataIndex: 'title' },
          { title: t('起草单位', 'Drafting unit'), key: 'u', render: (_, r) => r.unit?.name },
          { title: t('年度所需经费', 'Yearly cost'), key: 'c', align: 'right', render: (_, r) => <Money amount={r.yearlyCost} /> },
          { title: t('状态', 'Status'), key: 's', render: (_, r) => state(r) },
          { title: t('报送时间', 'Filed'), key: 't', render: (_, r) => dateTime(r.createdAt) },
        ]}
        card={(r) => <>
          <CardLine left={link(r)} right={<b><Money amount={r.yearlyCost} /></b>} />
          <div>{r.title}</div>
          <Typography.Text type="secondary">{r.unit?.name}</Typography.Text>
          <CardLine left={<span>{state(r)}</span>} right={<Typography.Text type="secondary">{dateTime(r.createdAt)}</Typography.Text>} />
        </>} />
    </Card>
  );
}
