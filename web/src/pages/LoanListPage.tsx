import { useEffect, useState } from 'react';
import { Button, Card, Space, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { api, Loan } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { yuan } from '../format';
import { downloadCsv } from '../csv';

export const LOAN_STATUS: Record<string, { zh: string; en: string; color: string }> = {
  in_review: { zh: '审批中', en: 'In review', color: 'processing' },
  approved: { zh: '已批准待放款', en: 'Approved', color: 'cyan' },
  disbursed: { zh: '还款期', en: 'Disbursed', color: 'gold' },
  closed: { zh: '已结清', en: 'Closed', color: 'success' },
  rejected: { zh: '未获批准', en: 'Rejected', color: 'error' },
};

/** Loans the user may see; `?overdue=true` is the dashboard's drill-down (R-L10). Exports to CSV. */
export function LoanListPage() {
  const { t, l, lang } = useT();
  const { has } = useAuth();
  const [params] = useSearchParams();
  const [rows, setRows] = useState<Loan[] | null>(null);
  const query = params.toString();
  useEffect(() => { setRows(null); api.get<{ items: Loan[] }>(`/loans${query ? `?${query}` : ''}`).then((r) => setRows(r.items)); }, [query]);
  const overdue = params.get('overdue') === 'true';
  const exportCsv = () => downloadCsv(`loans${overdue ? '-overdue' : ''}.csv`,
    ['借款编号 Number', '借款单位 Unit', '用途 Purpose', '金额(元) Amount', '未还(元) Outstanding', '到期日 Due', '逾期天数 Days overdue', '状态 Status'],
    (rows ?? []).map((r) => [r.number, r.unit?.name, r.purposeLabel?.zh ?? r.purpose, r.amount, r.outstanding, r.dueDate, r.daysOverdue, LOAN_STATUS[r.status]?.zh ?? r.status]));
  return (
    <Card title={<Space>{overdue ? t('逾期借款（R-L10）', 'Overdue loans (R-L10)') : t('借款', 'Loans')}{rows && <Tag data-testid="loan-total">{rows.length}</Tag>}</Space>}
      extra={<Space>
        <Button icon={<DownloadOutlined />} onClick={exportCsv} data-testid="export-csv">{t('导出 Excel（CSV）', 'Export (CSV)')}</Button>
        {has('dept_clerk') && <Link to="/loans/new"><Button type="primary">{t('申请借款', 'Apply for a loan')}</Button></Link>}
      </Space>}>
      <Table<Loan> rowKey="id" loading={!rows} dataSource={rows ?? []} pagination={{ pageSize: 20 }} columns={[
        { title: t('编号', 'Number'), key: 'n', render: (_, r) => <Link to={`/loans/${r.id}`}>{r.number}</Link> },
        { title: t('单位', 'Unit'), key: 'u', render: (_, r) => r.unit?.name },
        { title: t('用途', 'Purpose'), key: 'p', render: (_, r) => l(r.purposeLabel) || r.purpose },
        { title: t('金额', 'Amount'), key: 'a', align: 'right', render: (_, r) => yuan(r.amount) },
        { title: t('未还', 'Outstanding'), key: 'o', align: 'right', render: (_, r) => yuan(r.outstanding) },
        { title: t('到期日', 'Due'), key: 'd', render: (_, r) => <>{r.dueDate ?? '—'}{r.overdue && <Tag color="red" style={{ marginLeft: 6 }}>{t(`逾期${r.daysOverdue}天`, `${r.daysOverdue} d overdue`)} R-L10</Tag>}</> },
        { title: t('状态', 'Status'), key: 's', render: (_, r) => <><Tag color={LOAN_STATUS[r.status]?.color}>{LOAN_STATUS[r.status]?.[lang] ?? r.status}</Tag>{l(r.stepLabel)}</> },
      ]} />
    </Card>
  );
}
