import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError, idempotencyKey } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { ruleLine, type DutyItem, type Report, type WatchUnit } from '../duties-api';
import { KEY_UNIT_FLAG } from '../../../domain/duties';
import { FlagBadges } from '../components/RuleTags';
import { DueTag } from './duties/DueTag';
import { TransfersTab } from './duties/TransfersTab';
import { RiskEventsTab } from './duties/RiskEventsTab';
import { PositionsTab } from './duties/PositionsTab';

const KIND_TAB: Record<string, string> = { reports: 'reports', transfers: 'transfers', 'risk-events': 'risk-events', positions: 'positions', watch: 'watch' };
const REPORT_KINDS = [
  { kind: 'operations', ruleId: 'R-M1' as const, zh: '保基层运转情况月报', en: 'Monthly operations report', hint: 'YYYY-MM' },
  { kind: 'execution', ruleId: 'R-B8' as const, zh: '预算执行季度报告', en: 'Quarterly execution report', hint: 'YYYY-Qn' },
  { kind: 'position', ruleId: 'R-M2' as const, zh: '债务与库款保障报告', en: 'Position report', hint: 'YYYY-MM' },
];

/**
 * 报告与事项: the plan's duties with deadlines — the open duties, the reports by type and period with
 * their files (R-M1, R-B8, R-M2, R-B7), the transfers from above (R-B7), the risk events (R-M4) and
 * the key units' watch list (R-M2).
 */
export function DutiesPage() {
  const { t } = useT();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const tab = KIND_TAB[pathname.split('/')[2] ?? ''] ?? (pathname.startsWith('/reports') ? 'reports' : 'due');
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="duties-page">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('报告与事项', 'Reports & duties')}</Typography.Title>
      <Tabs activeKey={tab} onChange={(k) => navigate(k === 'due' ? '/duties' : `/duties/${k}`)} items={[
        { key: 'due', label: t('待办事项', 'Due'), children: <DueList /> },
        { key: 'reports', label: t('报告', 'Reports'), children: <ReportsTab /> },
        { key: 'transfers', label: t('上级专项资金', 'Transfers'), children: <TransfersTab /> },
        { key: 'risk-events', label: t('风险事件', 'Risk events'), children: <RiskEventsTab /> },
        { key: 'positions', label: t('月度数据', 'Monthly figures'), children: <PositionsTab /> },
        { key: 'watch', label: t('重点单位', 'Key units'), children: <WatchTab /> },
      ]} />
    </Space>
  );
}

function DueList() {
  const { t } = useT();
  const [items, setItems] = useState<DutyItem[]>([]);
  useEffect(() => { api.get<{ items: DutyItem[] }>('/duties').then((r) => setItems(r.items)); }, []);
  return (
    <Table rowKey="id" size="small" dataSource={items} pagination={false} scroll={{ x: true }} data-testid="duties-list" columns={[
      { title: t('事项', 'Duty'), render: (_, i) => <Space size={4} wrap><Link to={i.link}>{i.title}</Link><FlagBadges flags={i.keyUnit ? [KEY_UNIT_FLAG] : []} /></Space> },
      { title: t('依据', 'Rule'), dataIndex: 'ruleId', render: (r: string) => <Tag>{r}</Tag> },
      { title: t('期限', 'Deadline'), render: (_, i) => <DueTag late={i.late} done={false} dueAt={i.dueAt} /> },
    ]} />
  );
}

function ReportsTab() {
  const { t, lang } = useT();
  const { has } = useAuth();
  const { message } = App.useApp();
  const [reports, setReports] = useState<Report[]>([]);
  const [kind, setKind] = useState('operations');
  const [period, setPeriod] = useState('');
  const reload = useCallback(() => { api.get<{ items: Report[] }>('/reports').then((r) => setReports(r.items)); }, []);
  useEffect(reload, [reload]);
  const run = async () => {
    try {
      await api.post(`/reports/${kind}/${encodeURIComponent(period)}/runs`, {}, idempotencyKey());
      message.success(t('报告已生成', 'Report generated'));
      reload();
    } catch (e) { message.error((e as ApiError).message); }
  };
  const submit = async (r: Report) => {
    try {
      await api.post(`/reports/${r.kind}/${encodeURIComponent(r.period)}/submit`, {}, idempotencyKey());
      message.success(t('已标记为已报送，已通知报送对象', 'Marked submitted; the recipients were e-mailed'));
      reload();
    } catch (e) { message.error((e as ApiError).message); }
  };
  const file = (r: Report, format: 'pdf' | 'xlsx') => api.download(`/reports/${r.kind}/${encodeURIComponent(r.period)}/runs/latest/${format}`, `${r.ruleId}-${r.key.documentNumber ?? r.period}.${format}`);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {REPORT_KINDS.map((k) => <Typography.Paragraph key={k.kind} type="secondary" style={{ margin: 0 }}>{ruleLine(k.ruleId)}</Typography.Paragraph>)}
      {has('finance_reviewer', 'finance_director') && (
        <Card size="small" title={t('按期间生成报告', 'Run a report for a period')}>
          <Space wrap>
            <Select value={kind} onChange={setKind} style={{ width: 220 }} data-testid="report-kind"
              options={REPORT_KINDS.map((k) => ({ value: k.kind, label: `${k.ruleId} ${lang === 'zh' ? k.zh : k.en}` }))} />
            <Input value={period} onChange={(e) => setPeriod(e.target.value.trim())} placeholder={REPORT_KINDS.find((k) => k.kind === kind)!.hint} style={{ width: 140 }} data-testid="report-period" />
            <Button type="primary" onClick={run} disabled={!period} data-testid="report-run">{t('生成', 'Run')}</Button>
          </Space>
        </Card>
      )}
      <Table rowKey="id" size="small" dataSource={reports} pagination={false} scroll={{ x: true }} data-testid="reports-table" columns={[
        { title: t('报告', 'Report'), render: (_, r) => <span title={r.rule}><Tag>{r.ruleId}</Tag>{lang === 'zh' ? r.title.zh : r.title.en}</span> },
        { title: t('期间', 'Period'), render: (_, r) => r.subject },
        { title: t('状态', 'Status'), render: (_, r) => <DueTag late={r.late} done={r.status === 'submitted'} dueAt={r.dueAt} /> },
        { title: t('责任人', 'Officer'), render: (_, r) => r.responsibleOfficer.name },
        {
          title: t('文件', 'Files'), render: (_, r) => (
            <Space wrap>
              <Button size="small" icon={<DownloadOutlined />} onClick={() => file(r, 'pdf')} data-testid={`pdf-${r.id}`}>PDF</Button>
              <Button size="small" icon={<DownloadOutlined />} onClick={() => file(r, 'xlsx')} data-testid={`xlsx-${r.id}`}>Excel</Button>
              {r.status === 'due' && <Button size="small" type="primary" onClick={() => submit(r)} data-testid={`submit-${r.id}`}>{t('标记已报送', 'Mark submitted')}</Button>}
            </Space>
          ),
        },
      ]} />
    </Space>
  );
}

function WatchTab() {
  const { t } = useT();
  const [units, setUnits] = useState<WatchUnit[]>([]);
  useEffect(() => { api.get<{ units: WatchUnit[] }>('/watch-list').then((r) => setUnits(r.units)); }, []);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{ruleLine('R-M2')}</Typography.Paragraph>
      <Table rowKey="id" size="small" dataSource={units} pagination={false} scroll={{ x: true }} data-testid="watch-table" columns={[
        { title: t('重点单位', 'Key unit'), render: (_, u) => <><Tag color="magenta">{t('重点', 'Key')}</Tag>{u.name}</> },
        { title: t('在审申请', 'Open requests'), render: (_, u) => u.requests.map((r) => <Link key={r.id} to={`/budget-requests/${r.id}`} style={{ marginRight: 8 }}>{r.number}</Link>) },
        { title: t('借款', 'Loans'), render: (_, u) => u.loans.map((r) => <Link key={r.id} to={`/loans/${r.id}`} style={{ marginRight: 8 }}>{r.number}</Link>) },
        { title: t('风险事件', 'Risk events'), render: (_, u) => u.riskEvents.map((e) => e.number).join('、') },
      ]} />
    </Space>
  );
}
