import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { AGEING, AgeingBucket } from '../../../domain/loan';
import { LOAN_POSITIONS, LOAN_STATUS_LABELS, LoanStatus } from '../../../domain/loan-chain';
import { api, LoanList, Loan } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { Money, MoneyUnitSwitch, useMoney } from '../money-unit';
import { ListFilters } from '../components/ListFilters';
import { LoadError } from '../components/LoadError';
import { useLatestLoad, useListPage } from '../list-page';
import { FlagBadges } from '../components/RuleTags';
import { CardLine, ResponsiveList } from '../components/ResponsiveList';
import { StatusStep } from '../components/StatusStep';

const STATUS_COLORS: Record<LoanStatus, string> = { in_review: 'processing', returned: 'warning', approved: 'cyan', disbursed: 'gold', closed: 'success', rejected: 'error', withdrawn: 'default' };
export const LOAN_STATUS: Record<string, { zh: string; en: string; color: string }> = Object.fromEntries(
  Object.entries(LOAN_STATUS_LABELS).map(([s, label]) => [s, { ...label, color: STATUS_COLORS[s as LoanStatus] }]),
);

/**
 * Loans the user may see. `?overdue=true` and `?overdueBucket=31-90` are the dashboard's drill-downs
 * (R-L10, R-M2), `?finding=true` lists loans found re-lent to an enterprise (R-L2); the Excel export
 * is built by the API from the same filters.
 */
export function LoanListPage() {
  const { t, l, lang } = useT();
  const { has } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [list, setList] = useState<LoanList | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const { money } = useMoney();
  const { filters: query, page, setPage, pageSize } = useListPage();
  const latest = useLatestLoad();
  /** The API path of this page's filters with `set` overriding. */
  const path = (set: Record<string, string>) => {
    const p = new URLSearchParams(query);
    for (const [k, v] of Object.entries(set)) p.set(k, v);
    return `/loans?${p}`;
  };
  const load = () => {
    setList(null);
    setError(null);
    latest(api.get<LoanList>(path({ limit: String(pageSize), offset: String((page - 1) * pageSize) })), setList, setError);
  };
  useEffect(load, [query, page]); // eslint-disable-line react-hooks/exhaustive-deps

  const bucket = params.get('overdueBucket') as AgeingBucket | null;
  const overdue = Boolean(bucket) || params.get('overdue') === 'true';
  const status = params.get('status') as LoanStatus | null;
  const year = params.get('fiscalYear');
  const finding = params.get('finding') === 'true';
  const title = [
    overdue ? t('逾期借款（R-L10）', 'Overdue loans (R-L10)') : t('借款', 'Loans'),
    finding ? t('转借企业（R-L2）', 'Re-lent to an enterprise (R-L2)') : '',
    bucket ? AGEING[bucket]?.[lang] ?? bucket : '',
    status ? LOAN_STATUS_LABELS[status]?.[lang] ?? status : '',
    year ? t(`${year}年度`, `FY ${year}`) : '',
  ].filter(Boolean).join(' · ');
  const filename = `loans-${year ?? 'all'}${bucket ? `-overdue-${bucket}` : overdue ? '-overdue' : ''}${finding ? '-r-l2' : ''}.xlsx`;
  const exportXlsx = () => api.download(path({ format: 'xlsx' }), filename).catch((e) => message.error(String(e.message)));
  return (
    <Card title={<Space wrap><span data-testid="loan-list-title">{title}</span>{list && <Tag data-testid="loan-total">{list.total}</Tag>}</Space>}
      extra={<Space wrap>
        <MoneyUnitSwitch />
        <Checkbox checked={finding} data-testid="filter-finding" onChange={(e) => {
          const p = new URLSearchParams(query);
          if (e.target.checked) p.set('finding', 'true'); else p.delete('finding');
          setParams(p);
        }}>{t('只看转借企业（R-L2）', 'Re-lent to an enterprise only (R-L2)')}</Checkbox>
        {year && <Link to={`/dashboard?fiscalYear=${year}`}>{t('返回看板', 'Back to dashboard')}</Link>}
        <Button icon={<DownloadOutlined />} onClick={exportXlsx} data-testid="export-xlsx">{t('导出 Excel', 'Export to Excel')}</Button>
        {has('dept_clerk') && <Link to="/loans/new"><Button type="primary">{t('申请借款', 'Apply for a loan')}</Button></Link>}
      </Space>}>
      <ListFilters statuses={LOAN_STATUS_LABELS} steps={LOAN_POSITIONS} />
      {error && <LoadError error={error} onRetry={load} />}
      {list && (
        <Typography.Paragraph type="secondary" data-testid="loan-sums">
          {t(`共 ${list.total} 笔；未获批准以外 ${list.total - list.rejected.count} 笔，金额合计 ${money(list.amount)}，未还合计 ${money(list.outstanding)}`,
            `${list.total} loans; ${list.total - list.rejected.count} not rejected, ${money(list.amount)} in total, ${money(list.outstanding)} outstanding`)}
          {list.rejected.count > 0 && t(`（另有未获批准 ${list.rejected.count} 笔 ${money(list.rejected.amount)}，不计入合计）`, ` (${list.rejected.count} rejected, ${money(list.rejected.amount)}, not in the total)`)}
        </Typography.Paragraph>
      )}
      <ResponsiveList<Loan> items={error ? [] : list?.items ?? null} rowKey={(r) => r.id} number={(r) => r.number} testId="loan-list"
        paging={list ? { current: page, pageSize, total: list.total, onChange: setPage } : undefined}
        empty={t('没有符合条件的借款', 'No loans match')} columns={[
          // R-L10 shows with the due date; other flags (R-L2 转借企业) with the number
          { title: t('编号', 'Number'), key: 'n', render: (_, r) => <Space size={4} wrap><Link to={`/loans/${r.id}`}>{r.number}</Link><FlagBadges flags={r.flags} except={['R-L10']} /></Space> },
          { title: t('单位', 'Unit'), key: 'u', render: (_, r) => r.unit?.name },
          { title: t('用途', 'Purpose'), key: 'p', responsive: ['lg'], render: (_, r) => l(r.purposeLabel) || r.purpose },
          { title: t('金额', 'Amount'), key: 'a', align: 'right', render: (_, r) => <Money amount={r.amount} /> },
          { title: t('未还', 'Outstanding'), key: 'o', align: 'right', render: (_, r) => <Money amount={r.outstanding} /> },
          { title: t('到期日', 'Due'), key: 'd', render: (_, r) => <Due loan={r} /> },
          { title: t('状态', 'Status'), key: 's', render: (_, r) => <StatusStep labels={LOAN_STATUS} status={r.status} step={r.stepLabel} /> },
        ]}
        card={(r) => (
          <>
            <CardLine left={<Space size={4} wrap><Link to={`/loans/${r.id}`}>{r.number}</Link><FlagBadges flags={r.flags} except={['R-L10']} /></Space>} right={<b><Money amount={r.amount} /></b>} />
            <div>{l(r.purposeLabel) || r.purpose}</div>
            <Typography.Text type="secondary">{r.unit?.name}</Typography.Text>
            <CardLine left={<StatusStep labels={LOAN_STATUS} status={r.status} step={r.stepLabel} />}
              right={<>{t('未还', 'outstanding')} <Money amount={r.outstanding} /></>} />
            {r.dueDate && <div>{t('到期日', 'Due')} <Due loan={r} /></div>}
          </>
        )} />
    </Card>
  );
}

/** The due date, and how many days overdue (R-L10) once it has passed unpaid. */
function Due({ loan }: { loan: Loan }) {
  const { t } = useT();
  return <>{loan.dueDate ?? '—'}{loan.overdue && <Tag color="red" style={{ marginLeft: 6 }}>{t(`逾期${loan.daysOverdue}天`, `${loan.daysOverdue} d overdue`)} R-L10</Tag>}</>;
}
