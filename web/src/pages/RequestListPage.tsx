import { useEffect, useState } from 'react';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api, BudgetRequest } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { dateTime, yuan } from '../format';
import { FlagBadges } from '../components/RuleTags';

export const STATUS: Record<string, { zh: string; en: string; color: string }> = {
  in_review: { zh: '审批中', en: 'In review', color: 'processing' },
  returned: { zh: '已退回', en: 'Returned', color: 'warning' },
  executed: { zh: '已批复执行', en: 'Executed', color: 'success' },
  rejected: { zh: '已否决', en: 'Rejected', color: 'error' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn', color: 'default' },
};

/** Requests the user may see (clerks: their own unit), 三保 first. */
export function RequestListPage() {
  const { t, l, lang } = useT();
  const { has, user } = useAuth();
  const [status, setStatus] = useState<string | undefined>();
  const [rows, setRows] = useState<BudgetRequest[] | null>(null);
  useEffect(() => {
    setRows(null);
    api.get<{ items: BudgetRequest[] }>(`/budget-requests${status ? `?status=${status}` : ''}`).then((r) => setRows(r.items));
  }, [status]);
  return (
    <Card title={has('dept_clerk') ? `${t('本单位追加预算申请', 'Our unit’s requests')} · ${user?.unit?.name ?? ''}` : t('追加预算申请', 'Supplementary-budget requests')}
      extra={<Space>
        <Select allowClear placeholder={t('全部状态', 'All statuses')} style={{ width: 160 }} value={status} onChange={setStatus}
          options={Object.entries(STATUS).map(([k, s]) => ({ value: k, label: s[lang] }))} />
        {has('dept_clerk') && <Link to="/budget-requests/new"><Button type="primary">{t('新建申请', 'New request')}</Button></Link>}
      </Space>}>
      <Table<BudgetRequest> rowKey="id" loading={!rows} dataSource={rows ?? []} pagination={{ pageSize: 20 }} columns={[
        { title: t('编号', 'Number'), key: 'n', render: (_, r) => <Link to={`/budget-requests/${r.id}`}>{r.number}</Link> },
        { title: t('单位', 'Unit'), key: 'u', render: (_, r) => r.unit?.name },
        { title: t('用途', 'Purpose'), dataIndex: 'purpose' },
        { title: t('金额', 'Amount'), key: 'a', align: 'right', render: (_, r) => yuan(r.amount) },
        { title: t('类别', 'Category'), key: 'c', render: (_, r) => <>{l(r.categoryLabel)} <FlagBadges flags={r.flags} /></> },
        { title: t('环节', 'Step'), key: 's', render: (_, r) => <><Tag color={STATUS[r.status]?.color}>{STATUS[r.status]?.[lang] ?? r.status}</Tag>{l(r.stepLabel)}</> },
        { title: t('提交时间', 'Filed'), key: 't', render: (_, r) => dateTime(r.createdAt) },
      ]} />
    </Card>
  );
}
