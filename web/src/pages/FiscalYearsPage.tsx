import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Space, Spin, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router-dom';
import { AdvancesPosition, api, FiscalYear, FiscalYearSaved } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { dateTime, yuan } from '../format';
import { RULES } from '../../../domain/rules';
import { RuleTag, violationText } from '../components/RuleTags';
import { FiscalYearForm } from '../components/FiscalYearForm';
import { YearChanges } from '../components/YearChanges';
import { ByOriginTable } from '../components/ByOriginTable';
import { CardLine, ResponsiveList } from '../components/ResponsiveList';

/** One amount in a cell, with a test id naming what and which year. */
const cell = (testId: string, amount: string) => <span data-testid={testId}>{yuan(amount)}</span>;

/**
 * 财政数据: each year's figures, what R-B3 leaves of the available resources, and the advances
 * against the R-L8 cap. The finance director adds and edits years; everyone else reads.
 * `?year=` highlights and opens a year (the dashboard's links land here).
 */
export function FiscalYearsPage() {
  const { t, lang } = useT();
  const { has } = useAuth();
  const { message } = App.useApp();
  const editor = has('finance_director');
  const [params, setParams] = useSearchParams();
  const focus = Number(params.get('year')) || null;
  const [years, setYears] = useState<FiscalYear[] | null>(null);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [saved, setSaved] = useState<FiscalYearSaved | null>(null);
  const [opened, setOpened] = useState<number[]>([]);

  // R-L8 counts the county-wide balance, every year's loans and the opening stock, against the current year's cap.
  const [county, setCounty] = useState<AdvancesPosition | null>(null);
  const load = () => {
    api.get<{ position: AdvancesPosition }>('/advances').then((r) => setCounty(r.position)).catch(() => setCounty(null));
    return api.get<{ items: FiscalYear[] }>('/fiscal-years').then((r) => setYears(r.items));
  };
  useEffect(() => { void load(); }, []);
  useEffect(() => {
    if (!focus || !years) return;
    setOpened((o) => (o.includes(focus) ? o : [...o, focus]));
    document.querySelector(`tr[data-row-key="${focus}"], [data-testid="fiscal-year-table"] [data-request="${focus}"]`)?.scrollIntoView({ block: 'center' });
  }, [focus, years]);

  const onSaved = (answer: FiscalYearSaved) => {
    setSaved(answer);
    setEditing(null);
    message.success(t(`已保存 ${answer.fiscalYear.year} 年度财政数据`, `Saved the figures of ${answer.fiscalYear.year}`));
    setParams({ year: String(answer.fiscalYear.year) });
    void load();
  };

  if (!years) return <Spin />;
  const showAdvances = years.some((y) => y.advances);
  const list = (name: string, year: number) => `/dashboard/lists/${name}?fiscalYear=${year}`;
  const loans = (year: number, status: string) => `/loans?fiscalYear=${year}&status=${status}`;
  const headroom = (r: FiscalYear) => r.advances && (r.advances.overCap
    ? <Tag color="red" data-testid={`over-cap-${r.year}`}>{t(`超出 ${yuan(r.advances.excess)}`, `${yuan(r.advances.excess)} over`)}</Tag>
    : cell(`headroom-${r.year}`, r.advances.headroom));
  const editButton = (r: FiscalYear) => (
    <Button size="small" onClick={() => { setSaved(null); setEditing(r.year); }} data-testid={`edit-${r.year}`}>{t('编辑', 'Edit')}</Button>
  );
  const columns: ColumnsType<FiscalYear> = [
    { title: t('年度', 'Year'), dataIndex: 'year', key: 'year', fixed: 'left', render: (y: number) => <b>{y}</b> },
    {
      title: t('预算支出', 'Budget expenditure'), children: [
        { title: t('一般公共预算', 'General public'), key: 'g', align: 'right', render: (_, r) => cell(`general-${r.year}`, r.generalBudgetExpenditure) },
        { title: t('政府性基金预算', 'Government fund'), key: 'f', align: 'right', render: (_, r) => cell(`fund-${r.year}`, r.fundBudgetExpenditure) },
      ],
    },
    {
      title: <>{t('可用财力', 'Available resources')} <RuleTag id="R-B3" /></>, children: [
        { title: t('可用财力', 'Available'), key: 'a', align: 'right', render: (_, r) => cell(`available-${r.year}`, r.availableResources) },
        { title: t('已预留', 'Reserved'), key: 'r', align: 'right', render: (_, r) => <Link to={list('reserved', r.year)}>{yuan(r.reserved)}</Link> },
        { title: t('已承诺', 'Committed'), key: 'c', align: 'right', render: (_, r) => <Link to={list('committed', r.year)}>{yuan(r.committed)}</Link> },
        { title: t('剩余', 'Left'), key: 'l', align: 'right', render: (_, r) => cell(`remaining-${r.year}`, r.remaining) },
      ],
    },
    ...(showAdvances ? [{
      title: <>{t('暂付款', 'Advances')} <RuleTag id="R-L8" /></>, children: [
        { title: t('上限（支出×5%）', 'Cap (5%)'), key: 'cap', align: 'right' as const, render: (_: unknown, r: FiscalYear) => r.advances && cell(`cap-${r.year}`, r.advances.cap) },
        { title: t('已占用', 'Held'), key: 'held', align: 'right' as const, render: (_: unknown, r: FiscalYear) => r.advances && cell(`held-${r.year}`, r.advances.held) },
        {
          title: t('剩余额度', 'Headroom'), key: 'h', align: 'right' as const, render: (_: unknown, r: FiscalYear) => headroom(r),
        },
      ],
    }] : []),
    ...(editor ? [{
      title: t('操作', 'Action'), key: 'edit', fixed: 'right' as const, render: (_: unknown, r: FiscalYear) => editButton(r),
    }] : []),
  ];

  const details = (r: FiscalYear) => (
    <Space direction="vertical" size={4} data-testid={`details-${r.year}`}>
      <Typography.Text>
        <RuleTag id="R-B3" />{t('可用财力', 'Available')} {yuan(r.availableResources)} − {t('已预留', 'reserved')} {yuan(r.reserved)} − {t('已承诺', 'committed')} {yuan(r.committed)} = {t('剩余', 'left')} <b>{yuan(r.remaining)}</b>
      </Typography.Text>
      {r.advances && (
        <Typography.Text>
          <RuleTag id="R-L8" />({t('一般公共预算', 'general')} {yuan(r.generalBudgetExpenditure)} + {t('政府性基金预算', 'fund')} {yuan(r.fundBudgetExpenditure)}) × 5% = {t('上限', 'cap')} <b>{yuan(r.advances.cap)}</b>；
          {t('已占用', 'held')} = <Link to={loans(r.year, 'disbursed')}>{t('未还', 'outstanding')} {yuan(r.advances.outstanding)}</Link> + <Link to={loans(r.year, 'approved')}>{t('已批未放', 'approved, not disbursed')} {yuan(r.advances.reserved)}</Link> = <b>{yuan(r.advances.held)}</b>
          {r.advances.overCap
            ? <Typography.Text type="danger">；{t(`超出上限 ${yuan(r.advances.excess)}，回落前不能再批准借款`, `${yuan(r.advances.excess)} over the cap; no loan can be approved until it is back within`)}</Typography.Text>
            : <>；{t('剩余额度', 'headroom')} {yuan(r.advances.headroom)}</>}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('最近更新', 'Last updated')} {dateTime(r.updatedAt)}</Typography.Text>
      <YearChanges year={r.year} version={r.updatedAt} />
    </Space>
  );

  const current = typeof editing === 'number' ? years.find((y) => y.year === editing) ?? null : null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="fiscal-years">
      {/* The row the link pointed at stands out. */}
      <style>{'.fy-focus > td { background: #fffbe6 !important; }'}</style>
      <Space wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('财政数据', 'Fiscal-year figures')}</Typography.Title>
        {editor
          ? <Button type="primary" onClick={() => { setSaved(null); setEditing('new'); }} data-testid="add-year">{t('新增年度', 'Add a year')}</Button>
          : <Tag data-testid="read-only">{t('只读：由财政局局长录入', 'Read-only: set by the finance director')}</Tag>}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t(`追加预算不得超过剩余可用财力（R-B3「${RULES['R-B3'].zh}」）；暂付款不得超过一般公共预算与政府性基金预算支出之和的5%（R-L8「${RULES['R-L8'].zh}」）。`,
          'Supplementary budgets may not exceed the available resources left (R-B3); outstanding advances may not exceed 5% of general public plus government fund budget expenditure (R-L8).')}
      </Typography.Paragraph>

      {county && (
        <Card size="small" title={t(`全县暂付款余额（按 ${county.fiscalYear} 年度上限计算）`, `County advances against ${county.fiscalYear}'s cap`)}
          extra={<Link to="/advances">{t('暂付款台账与消化方案', 'Ledger and reduction plan')}</Link>} data-testid="county-balance">
          <ByOriginTable position={county} />
        </Card>
      )}

      {saved && saved.warnings.length > 0 && (
        <Alert type="warning" showIcon closable onClose={() => setSaved(null)} data-testid="saved-warnings"
          title={t(`${saved.fiscalYear.year} 年度财政数据已保存，但已违反以下规定`, `The figures of ${saved.fiscalYear.year} are saved, but already break these rules`)}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{saved.warnings.map((w, i) => (
            <li key={i} data-rule={w.ruleId}><b>{w.ruleId}</b>{violationText(w, lang).slice(w.ruleId.length)}</li>
          ))}</ul>} />
      )}

      {editing !== null && (
        <Card title={editing === 'new' ? t('新增年度', 'Add a year') : t(`编辑 ${editing} 年度`, `Edit ${editing}`)} data-testid="fiscal-year-editor">
          <FiscalYearForm key={String(editing)} existing={current} years={years.map((y) => y.year)} onSaved={onSaved} onCancel={() => setEditing(null)} />
        </Card>
      )}

      <ResponsiveList<FiscalYear> items={years} rowKey={(r) => r.year} number={(r) => String(r.year)} columns={columns} testId="fiscal-year-table"
        empty={t('尚无年度数据', 'No year recorded yet')}
        table={{ size: 'small', bordered: true, pagination: false, rowClassName: (r) => (r.year === focus ? 'fy-focus' : ''),
          expandable: { expandedRowRender: details, expandedRowKeys: opened, onExpandedRowsChange: (keys) => setOpened(keys as number[]) } }}
        card={(r) => <>
          <CardLine left={<b>{r.year}</b>} right={editor && editButton(r)} />
          <CardLine left={t('一般公共预算', 'General public')} right={cell(`general-${r.year}`, r.generalBudgetExpenditure)} />
          <CardLine left={t('政府性基金预算', 'Government fund')} right={cell(`fund-${r.year}`, r.fundBudgetExpenditure)} />
          <CardLine left={<>{t('可用财力', 'Available')} <RuleTag id="R-B3" /></>} right={cell(`available-${r.year}`, r.availableResources)} />
          <CardLine left={t('已预留', 'Reserved')} right={<Link to={list('reserved', r.year)}>{yuan(r.reserved)}</Link>} />
          <CardLine left={t('已承诺', 'Committed')} right={<Link to={list('committed', r.year)}>{yuan(r.committed)}</Link>} />
          <CardLine left={t('剩余', 'Left')} right={cell(`remaining-${r.year}`, r.remaining)} />
          {showAdvances && r.advances && <>
            <CardLine left={<>{t('暂付款上限（支出×5%）', 'Advances cap (5%)')} <RuleTag id="R-L8" /></>} right={cell(`cap-${r.year}`, r.advances.cap)} />
            <CardLine left={t('已占用', 'Held')} right={cell(`held-${r.year}`, r.advances.held)} />
            <CardLine left={t('剩余额度', 'Headroom')} right={headroom(r)} />
          </>}
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpened((o) => (o.includes(r.year) ? o.filter((y) => y !== r.year) : [...o, r.year]))}>
            {opened.includes(r.year) ? t('收起明细', 'Hide details') : t('计算明细与变更记录', 'Workings and changes')}
          </Button>
          {opened.includes(r.year) && details(r)}
        </>} />
    </Space>
  );
}
