import { useCallback, useEffect, useMemo, useState } from 'react';
import { Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography, Spin, Empty } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, FiscalYear, Label } from '../api';
import { useT } from '../i18n';
import { age } from '../format';
import { MoneyUnitSwitch, useMoney } from '../money-unit';
import { EChart } from '../components/EChart';
import { LoadError } from '../components/LoadError';
import { RuleTag } from '../components/RuleTags';
import { STATUS } from './RequestListPage';
import { AdvancesCard } from '../components/AdvancesCard';
import { DutiesDueCard } from '../components/DutiesDueCard';
import { DUTIES_READERS } from '../duties-api';
import { PendingLoans, PendingLoansCard } from '../components/PendingLoansCard';
import { useAuth } from '../auth';
import { FISCAL_YEAR_READERS, fiscalYearLink } from '../fiscal-years-link';

export interface Dashboard {
  fiscalYear: number | null;
  scope: 'all' | 'unit';
  pending: { total: number; oldestAgeHours: number | null; byStep: { step: string; label: Label; count: number; threeGuarantees: number; oldestAgeHours: number | null; oldestNumber: string | null }[] };
  pendingLoans: PendingLoans;
  resources: null | { availableResources: string | null; reserved: string; committed: string; used: string; remaining: string | null; reservedCount: number; committedCount: number; rule: { ruleId: string; zh: string } };
  requests: Record<string, number>;
}

/** Short step names for the chart's axis; the table beside it has the full wording. */
const SHORT: Record<string, { zh: string; en: string }> = {
  finance_review: { zh: '财政审核', en: 'Finance' }, leader_briefing: { zh: '领导汇报', en: 'Briefing' },
  executive_meeting: { zh: '常务/办公会议', en: 'Meeting' }, npc_approval: { zh: '人大批复', en: 'NPC' },
};

// ECharts needs numbers to draw; the figures shown as text stay exact strings.
const chartValue = (yuanText: string) => Number(yuanText);

/** The finance bureau's dashboard: every number links to the list behind it. */
export function DashboardPage() {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const { has } = useAuth();
  const { money } = useMoney();
  const [params, setParams] = useSearchParams();
  const [years, setYears] = useState<FiscalYear[]>([]);
  const [d, setD] = useState<Dashboard | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const year = params.get('fiscalYear');

  useEffect(() => { api.get<{ items: FiscalYear[] }>('/fiscal-years').then((r) => setYears(r.items)).catch(() => undefined); }, []);
  const load = useCallback(() => {
    setD(null);
    setError(null);
    api.get<Dashboard>(`/dashboard${year ? `?fiscalYear=${year}` : ''}`).then(setD).catch(setError);
  }, [year]);
  useEffect(load, [load]);
  const fy = d?.fiscalYear ?? undefined;
  const list = (name: string, extra: Record<string, string> = {}) => `/dashboard/lists/${name}?${new URLSearchParams({ ...(fy ? { fiscalYear: String(fy) } : {}), ...extra })}`;

  const resourcesChart = useMemo(() => d?.resources?.remaining ? {
    tooltip: { trigger: 'item', formatter: (p: { name: string; dataIndex: number; percent: number }) => `${p.name}<br/>${money([d.resources!.reserved, d.resources!.committed, d.resources!.remaining][p.dataIndex])} (${p.percent}%)` },
    legend: { top: 0 },
    color: ['#faad14', '#cf1322', '#52c41a'],
    series: [{
      type: 'pie', radius: ['40%', '62%'], center: ['50%', '55%'], label: { formatter: '{b}\n{d}%' },
      data: [
        { name: t('已预留', 'Reserved'), value: chartValue(d.resources.reserved), list: 'reserved' },
        { name: t('已承诺', 'Committed'), value: chartValue(d.resources.committed), list: 'committed' },
        { name: t('剩余', 'Left'), value: chartValue(d.resources.remaining!), list: null },
      ],
    }],
  } : null, [d, lang, money]); // eslint-disable-line react-hooks/exhaustive-deps

  const pendingChart = useMemo(() => d && {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 30 },
    xAxis: { type: 'category', data: d.pending.byStep.map((s) => SHORT[s.step]?.[lang] ?? s.label[lang]), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: d.pending.byStep.map((s) => ({ value: s.count, step: s.step })), itemStyle: { color: '#1677ff' }, barMaxWidth: 48 }],
  }, [d, lang]);

  // A failed read says so with a retry: zeros or an endless spinner would read as figures.
  if (error) return <LoadError error={error} onRetry={load} />;
  if (!d) return <Spin />;
  const r = d.resources;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="dashboard">
      <Space wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('财政看板', 'Finance dashboard')}</Typography.Title>
        <Select style={{ width: 140 }} value={fy} onChange={(v) => setParams({ fiscalYear: String(v) })}
          options={years.map((y) => ({ value: y.year, label: t(`${y.year}年度`, `FY ${y.year}`) }))} data-testid="year-select" />
        {d.scope === 'unit' && <Tag color="blue">{t('仅显示本单位', 'Your unit only')}</Tag>}
        <MoneyUnitSwitch />
      </Space>

      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Card><Link to={list('pending')} data-testid="stat-pending-total"><Statistic title={t('待审批', 'Pending approvals')} value={d.pending.total} /></Link></Card></Col>
        <Col xs={12} md={6}><Card><Link to={list('pending')} data-testid="stat-oldest"><Statistic title={t('最久等待', 'Oldest waiting')} value={age(d.pending.oldestAgeHours, lang)} /></Link></Card></Col>
        <Col xs={24} sm={12} md={6}><Card><Link to={list('reserved')} data-testid="stat-reserved"><Statistic title={<>{d.scope === 'unit' ? t('本单位已预留', 'Unit reserved') : t('已预留', 'Reserved')} ({r?.reservedCount ?? 0})</>} value={money(r?.reserved ?? '0.00')} /></Link></Card></Col>
        <Col xs={24} sm={12} md={6}><Card><Link to={list('committed')} data-testid="stat-committed"><Statistic title={<>{d.scope === 'unit' ? t('本单位已承诺', 'Unit committed') : t('已承诺', 'Committed')} ({r?.committedCount ?? 0})</>} value={money(r?.committed ?? '0.00')} /></Link></Card></Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={<>{t('可用财力：已用与剩余', 'Available resources: used vs left')} <RuleTag id="R-B3" /></>} data-testid="resources-card">
            {r && r.availableResources === null ? (
              <Typography.Paragraph data-testid="unit-resources">
                {t('本单位申请占用：', 'Held by your unit: ')}<Link to={list('reserved')}>{t('已预留', 'reserved')} {money(r.reserved)}</Link>
                {' + '}<Link to={list('committed')}>{t('已承诺', 'committed')} {money(r.committed)}</Link>{' = '}<b>{money(r.used)}</b>
                <br /><Typography.Text type="secondary">{t('全县可用财力由财政局掌握，不在单位看板显示。', 'The county’s available resources are the bureau’s figure, not shown to units.')}</Typography.Text>
              </Typography.Paragraph>
            ) : r ? (
              <>
                <EChart option={resourcesChart!} testId="resources-chart"
                  onClick={(p) => { const l = (p.data as { list: string | null }).list; if (l) navigate(list(l)); }} />
                <Typography.Paragraph style={{ textAlign: 'center', marginBottom: 0 }}>
                  {t('可用财力', 'Available')} {fy && has(...FISCAL_YEAR_READERS)
                    ? <Link to={fiscalYearLink(fy)} data-testid="available-link"><b data-testid="stat-available">{money(r.availableResources)}</b></Link>
                    : <b data-testid="stat-available">{money(r.availableResources)}</b>}
                  {' − '}<Link to={list('reserved')}>{t('已预留', 'reserved')} {money(r.reserved)}</Link>
                  {' − '}<Link to={list('committed')}>{t('已承诺', 'committed')} {money(r.committed)}</Link>
                  {' = '}{t('剩余', 'left')} <b data-testid="stat-remaining">{money(r.remaining)}</b>
                </Typography.Paragraph>
                <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12 }}>{r.rule.ruleId}「{r.rule.zh}」</Typography.Paragraph>
              </>
            ) : <Empty description={t('本年度可用财力尚未录入', 'No figures for this year')} />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('待审批（按环节）', 'Pending approvals by step')}>
            {pendingChart && <EChart option={pendingChart} height={200} testId="pending-chart"
              onClick={(p) => navigate(list('pending', { step: (p.data as { step: string }).step }))} />}
            <Table size="small" rowKey="step" pagination={false} dataSource={d.pending.byStep} data-testid="pending-by-step" columns={[
              { title: t('环节', 'Step'), key: 's', render: (_, s) => s.label[lang] },
              { title: t('件数', 'Count'), key: 'c', align: 'right', render: (_, s) => <Link to={list('pending', { step: s.step })} data-testid={`pending-count-${s.step}`}>{s.count}</Link> },
              { title: t('其中三保', '3-guarantees'), key: 'b', align: 'right', render: (_, s) => <Link to={list('pending', { step: s.step })}>{s.threeGuarantees}</Link> },
              { title: t('最久等待', 'Oldest'), key: 'o', render: (_, s) => s.oldestNumber ? <Link to={list('pending', { step: s.step })}>{age(s.oldestAgeHours, lang)} · {s.oldestNumber}</Link> : '—' },
            ]} />
          </Card>
        </Col>
      </Row>

      <Card title={t('申请状态', 'Requests by status')}>
        <Space wrap>
          {Object.entries(d.requests).map(([status, n]) => (
            <Link key={status} to={list('requests', { status })} data-testid={`status-${status}`}>
              <Tag color={STATUS[status]?.color} style={{ fontSize: 14, padding: '4px 10px' }}>{STATUS[status]?.[lang] ?? status}：{n}</Tag>
            </Link>
          ))}
        </Space>
      </Card>
      <PendingLoansCard pending={d.pendingLoans} list={list} />
      {has(...DUTIES_READERS) && <DutiesDueCard />}
      {fy && <AdvancesCard fiscalYear={fy} />}
    </Space>
  );
}
