import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { BUDGET_STEPS, BUDGET_TERMINALS } from '../../../domain/budget-chain';
import { api, BudgetRequest } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { dateTime } from '../format';
import { Money, MoneyUnitSwitch, useMoney } from '../money-unit';
import { FlagBadges } from '../components/RuleTags';
import { ListFilters } from '../components/ListFilters';
import { LoadError } from '../components/LoadError';
import { useLatestLoad, useListPage } from '../list-page';
import { CardLine, ResponsiveList } from '../components/ResponsiveList';
import { StatusStep } from '../components/StatusStep';

export const STATUS: Record<string, { zh: string; en: string; color: string }> = {
  in_review: { zh: '审批中', en: 'In review', color: 'processing' },
  returned: { zh: '已退回', en: 'Returned', color: 'warning' },
  executed: { zh: '已批复执行', en: 'Executed', color: 'success' },
  rejected: { zh: '已否决', en: 'Rejected', color: 'error' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn', color: 'default' },
};
const STEPS = { ...BUDGET_STEPS, revision: { zh: '退回修改', en: 'Returned for revision' }, ...BUDGET_TERMINALS };

interface RequestList { total: number; amount: string; excluded: { count: number; amount: string }; items: BudgetRequest[] }

/** Requests the user may see (clerks: their own unit), 三保 first; filtered, summed and exported as shown. */
export function RequestListPage() {
  const { t, l } = useT();
  const { has, user } = useAuth();
  const { message } = App.useApp();
  const { money } = useMoney();
  const [params] = useSearchParams();
  const [list, setList] = useState<RequestList | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const { filters: query, page, setPage, pageSize, pageQuery } = useListPage();
  const latest = useLatestLoad();
  const load = useCallback(() => {
    setList(null);
    setError(null);
    latest(api.get<RequestList>(`/budget-requests?${query}${query ? '&' : ''}${pageQuery}`), setList, setError);
  }, [query, pageQuery]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(load, [load]);
  const exportXlsx = () => api.download(`/budget-requests?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(query)), format: 'xlsx' })}`, `requests-${params.get('fiscalYear') ?? 'all'}.xlsx`)
    .catch((e) => message.error(String(e.message)));
  return (
    <Card title={<Space wrap>{has('dept_clerk') ? `${t('本单位追加预算申请', 'Our unit’s requests')} · ${user?.unit?.name ?? ''}` : t('追加预算申请', 'Supplementary-budget requests')}{list && <Tag data-testid="request-total">{list.total}</Tag>}</Space>}
      extra={<Space wrap>
        <MoneyUnitSwitch />
        <Button icon={<DownloadOutlined />} onClick={exportXlsx} data-testid="export-xlsx">{t('导出 Excel', 'Export to Excel')}</Button>
        {has('dept_clerk') && <Link to="/budget-requests/new"><Button type="primary">{t('新建申请', 'New request')}</Button></Link>}
      </Space>}>
      <ListFilters statuses={STATUS} steps={STEPS} />
      {error && <LoadError error={error} onRetry={load} />}
      {list && (
        <Typography.Paragraph type="secondary" data-testid="request-sums">
          {t(`共 ${list.total} 笔；在审及已批复 ${list.total - list.excluded.count} 笔，金额合计 ${money(list.amount)}`, `${list.total} requests; ${list.total - list.excluded.count} in review or granted, ${money(list.amount)} in total`)}
          {list.excluded.count > 0 && t(`（另有已否决、已撤回 ${list.excluded.count} 笔 ${money(list.excluded.amount)}，不计入合计）`, ` (${list.excluded.count} rejected or withdrawn, ${money(list.excluded.amount)}, not in the total)`)}
        </Typography.Paragraph>
      )}
      <ResponsiveList<BudgetRequest> items={error ? [] : list?.items ?? null} rowKey={(r) => r.id} number={(r) => r.number} testId="request-list"
        paging={list ? { current: page, pageSize, total: list.total, onChange: setPage } : undefined}
        empty={t('没有符合条件的申请', 'No requests match')} columns={[
          { title: t('编号', 'Number'), key: 'n', render: (_, r) => <Link to={`/budget-requests/${r.id}`}>{r.number}</Link> },
          { title: t('单位', 'Unit'), key: 'u', render: (_, r) => r.unit?.name },
          { title: t('用途', 'Purpose'), dataIndex: 'purpose' },
          { title: t('金额', 'Amount'), key: 'a', align: 'right', render: (_, r) => <Money amount={r.amount} /> },
          { title: t('类别', 'Category'), key: 'c', responsive: ['lg'], render: (_, r) => <>{l(r.categoryLabel)} <FlagBadges flags={r.flags} /></> },
          { title: t('环节', 'Step'), key: 's', render: (_, r) => <StatusStep labels={STATUS} status={r.status} step={r.stepLabel} /> },
          { title: t('提交时间', 'Filed'), key: 't', responsive: ['lg'], render: (_, r) => dateTime(r.createdAt) },
        ]}
        card={(r) => (
          <>
            <CardLine left={<Space size={4} wrap><Link to={`/budget-requests/${r.id}`}>{r.number}</Link><FlagBadges flags={r.flags} /></Space>} right={<b><Money amount={r.amount} /></b>} />
            <div>{r.purpose}</div>
            <Typography.Text type="secondary">{r.unit?.name} · {l(r.categoryLabel)}</Typography.Text>
            <CardLine left={<StatusStep labels={STATUS} status={r.status} step={r.stepLabel} />}
              right={<Typography.Text type="secondary">{dateTime(r.createdAt)}</Typography.Text>} />
          </>
        )} />
    </Card>
  );
}
