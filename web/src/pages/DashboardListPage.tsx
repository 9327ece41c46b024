import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { BUDGET_STEPS, BudgetStep } from '../../../domain/budget-chain';
import { LOAN_STEPS, LoanStep } from '../../../domain/loan-chain';
import { api, BudgetRequest } from '../api';
import { useT } from '../i18n';
import { age, dateTime } from '../format';
import { Money, MoneyUnitSwitch } from '../money-unit';
import { FlagBadges } from '../components/RuleTags';
import { STATUS } from './RequestListPage';
import { LoadError } from '../components/LoadError';
import { CardLine, ResponsiveList } from '../components/ResponsiveList';
import { StatusStep } from '../components/StatusStep';

type Row = BudgetRequest & { waitingSince?: string; ageHours?: number; waitingOn?: string[]; heldAmount?: string; heldSince?: string; purposeLabel?: { zh: string; en: string } | null };

const TITLES: Record<string, { zh: string; en: string }> = {
  pending: { zh: '待审批', en: 'Pending approvals' },
  'pending-loans': { zh: '借款待审批与待放款', en: 'Loans pending' },
  reserved: { zh: '已预留（R-B3）', en: 'Reserved (R-B3)' },
  committed: { zh: '已承诺（R-B3）', en: 'Committed (R-B3)' },
  requests: { zh: '申请', en: 'Requests' },
};

/** The list behind a dashboard number, exportable to Excel. */
export function DashboardListPage() {
  const { list = 'pending' } = useParams();
  const [params] = useSearchParams();
  const { t, l, lang } = useT();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const query = params.toString();
  const load = useCallback(() => {
    setRows(null);
    setError(null);
    api.get<{ items: Row[] }>(`/dashboard/lists/${list}?${query}`).then((r) => setRows(r.items)).catch(setError);
  }, [list, query]);
  useEffect(load, [load]);

  const step = params.get('step');
  const status = params.get('status');
  const loans = list === 'pending-loans';
  const href = (r: Row) => loans ? `/loans/${r.id}` : `/budget-requests/${r.id}`;
  const stepLabel = step ? (loans ? LOAN_STEPS[step as LoanStep] : BUDGET_STEPS[step as BudgetStep])?.[lang] : '';
  const title = [TITLES[list]?.[lang] ?? list, stepLabel, status ? STATUS[status]?.[lang] : '', params.get('fiscalYear') ?? ''].filter(Boolean).join(' · ');
  const exportXlsx = () => api.download(`/dashboard/lists/${list}?${query}${query ? '&' : ''}format=xlsx`, `${list}-${params.get('fiscalYear') ?? 'all'}.xlsx`)
    .catch((e) => message.error(String(e.message)));

  return (
    <Card title={<Space>{title}{rows && <Tag data-testid="list-total">{rows.length}</Tag>}</Space>}
      extra={<Space wrap><MoneyUnitSwitch /><Link to={`/dashboard${params.get('fiscalYear') ? `?fiscalYear=${params.get('fiscalYear')}` : ''}`}>{t('返回看板', 'Back to dashboard')}</Link>
        <Button icon={<DownloadOutlined />} onClick={exportXlsx} data-testid="export-xlsx">{t('导出 Excel', 'Export to Excel')}</Button></Space>}>
      {(list === 'pending' || loans) && <Typography.Paragraph type="secondary">{t('按等待时间先后排列，最久的在前。', 'Oldest first.')}</Typography.Paragraph>}
      {error && <LoadError error={error} onRetry={load} />}
      <ResponsiveList<Row> items={error ? [] : rows} rowKey={(r) => r.id} number={(r) => r.number} testId="dashboard-list"
        empty={t('暂无', 'None')} columns={[
        { title: t('编号', 'Number'), key: 'n', render: (_, r) => <Space size={4} wrap><Link to={href(r)}>{r.number}</Link>{loans && <FlagBadges flags={r.flags} />}</Space> },
        { title: t('单位', 'Unit'), key: 'u', render: (_, r) => r.unit?.name },
        ...(loans ? [
          { title: t('用途', 'Purpose'), key: 'p', render: (_: unknown, r: Row) => l(r.purposeLabel) || r.purpose },
        ] : [
          { title: t('用途', 'Purpose'), dataIndex: 'purpose' },
          { title: t('类别', 'Category'), key: 'c', render: (_: unknown, r: Row) => <>{l(r.categoryLabel)} <FlagBadges flags={r.flags} /></> },
        ]),
        { title: t('金额', 'Amount'), key: 'a', align: 'right', render: (_, r) => <Money amount={r.heldAmount ?? r.amount} /> },
        { title: t('环节', 'Step'), key: 's', render: (_, r) => l(r.stepLabel) },
        ...(list === 'pending' || loans ? [
          { title: t('已等待', 'Age'), key: 'age', render: (_: unknown, r: Row) => age(r.ageHours, lang) },
          { title: t('待办理人', 'Waiting on'), key: 'w', render: (_: unknown, r: Row) => r.waitingOn?.join('、') },
        ] : list === 'requests' ? [
          { title: t('状态', 'Status'), key: 'st', render: (_: unknown, r: Row) => <Tag color={STATUS[r.status]?.color}>{STATUS[r.status]?.[lang]}</Tag> },
          { title: t('提交时间', 'Filed'), key: 'f', render: (_: unknown, r: Row) => dateTime(r.createdAt) },
        ] : [
          { title: t('自', 'Since'), key: 'h', render: (_: unknown, r: Row) => dateTime(r.heldSince) },
        ]),
      ]}
        card={(r) => (
          <>
            <CardLine left={<Space size={4} wrap><Link to={href(r)}>{r.number}</Link><FlagBadges flags={r.flags} /></Space>} right={<b><Money amount={r.heldAmount ?? r.amount} /></b>} />
            <div>{loans ? l(r.purposeLabel) || r.purpose : r.purpose}</div>
            <Typography.Text type="secondary">{r.unit?.name}</Typography.Text>
            <CardLine left={list === 'requests' ? <StatusStep labels={STATUS} status={r.status} step={r.stepLabel} /> : l(r.stepLabel)}
              right={<Typography.Text type="secondary">{list === 'pending' || loans ? `${t('已等待', 'waiting')} ${age(r.ageHours, lang)}` : dateTime(r.heldSince ?? r.createdAt)}</Typography.Text>} />
            {r.waitingOn?.length ? <Typography.Text type="secondary">{t('待办理人', 'Waiting on')}：{r.waitingOn.join('、')}</Typography.Text> : null}
          </>
        )} />
    </Card>
  );
}
