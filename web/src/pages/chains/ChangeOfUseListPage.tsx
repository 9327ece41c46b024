import { Button, Card, Select, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { CHANGE_OF_USE_STATUSES } from '../../../../domain/change-of-use';
import { RULES } from '../../../../domain/rules';
import type { ChangeOfUse, Listed } from '../../chains-api';
import { useAuth } from '../../auth';
import { useT } from '../../i18n';
import { dateTime } from '../../format';
import { Money, MoneyUnitSwitch } from '../../money-unit';
import { LoadError } from '../../components/LoadError';
import { CardLine, ResponsiveList } from '../../components/ResponsiveList';
import { FlagBadges } from '../../components/RuleTags';
import { STATUS_COLORS, useLoaded } from './use-loaded';

/** Changes of use (预算调剂, R-B10) the user may see (clerks: their own unit), 三保 money first. One card per change on a phone. */
export function ChangeOfUseListPage() {
  const { t, l, lang } = useT();
  const { has } = useAuth();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const { data, error, reload } = useLoaded<Listed<ChangeOfUse>>(`/changes-of-use?${new URLSearchParams({ ...(status ? { status } : {}), limit: '500' })}`);
  const link = (r: ChangeOfUse) => <Space size={4} wrap><Link to={`/changes-of-use/${r.id}`}>{r.number}</Link><FlagBadges flags={r.flags} /></Space>;
  const state = (r: ChangeOfUse) => <><Tag color={STATUS_COLORS[r.status]}>{l(r.statusLabel)}</Tag>{r.status === 'in_review' && l(r.stepLabel)}</>;
  return (
    <Card data-testid="change-of-use-list"
      title={<Space wrap>{t('预算调剂', 'Changes of use')}{data && <Tag data-testid="change-of-use-total">{data.total}</Tag>}</Space>}
      extra={<Space wrap>
        <MoneyUnitSwitch />
        {has('dept_clerk') && <Link to="/changes-of-use/new"><Button type="primary" data-testid="new-change-of-use">{t('申请调剂', 'Ask for a change')}</Button></Link>}
      </Space>}>
      <Typography.Paragraph type="secondary">R-B10「{RULES['R-B10'].zh}」</Typography.Paragraph>
      <Select allowClear placeholder={t('全部状态', 'All statuses')} value={status} style={{ width: 200, marginBottom: 16 }}
        onChange={(v) => setParams(v ? { status: v } : {})}
        options={Object.entries(CHANGE_OF_USE_STATUSES).map(([k, s]) => ({ value: k, label: s[lang] }))} />
      {error && <LoadError error={error} onRetry={reload} />}
      <ResponsiveList<ChangeOfUse> items={error ? [] : data?.items ?? null} rowKey={(r) => r.id} number={(r) => r.number} testId="change-of-use-entries"
        empty={t('暂无预算调剂', 'No changes of use')} columns={[
          { title: t('编号', 'Number'), key: 'n', render: (_, r) => link(r) },
          { title: t('单位', 'Unit'), key: 'u', render: (_, r) => r.unit?.name },
          { title: t('调出 → 调入', 'From → to'), key: 'ft', render: (_, r) => `${r.fromUse} → ${r.toUse}` },
          { title: t('金额', 'Amount'), key: 'a', align: 'right', render: (_, r) => <Money amount={r.amount} /> },
          { title: t('状态', 'Status'), key: 's', render: (_, r) => state(r) },
          { title: t('提交时间', 'Filed'), key: 't', render: (_, r) => dateTime(r.createdAt) },
        ]}
        card={(r) => <>
          <CardLine left={link(r)} right={<b><Money amount={r.amount} /></b>} />
          <div>{r.fromUse} → {r.toUse}</div>
          <Typography.Text type="secondary">{r.unit?.name}</Typography.Text>
          <CardLine left={<span>{state(r)}</span>} right={<Typography.Text type="secondary">{dateTime(r.createdAt)}</Typography.Text>} />
        </>} />
    </Card>
  );
}
