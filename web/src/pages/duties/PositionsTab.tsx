import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Space, Statistic, Table, Typography } from 'antd';
import { MONTH_PATTERN, ZMonthlyPosition } from '../../../../domain/duty-entries';
import { chinaDate, addMonths } from '../../../../domain/china-calendar';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useT } from '../../i18n';
import { yuan } from '../../format';
import { AmountInput } from '../../components/AmountInput';
import { ErrorAlert } from '../../components/RuleTags';
import { ruleLine, type MonthlyPosition } from '../../duties-api';
import { schemaErrors, useEntryForm } from './entry-form';

const FIGURES = [
  { name: 'debtBalance', zh: '政府债务余额（元）', en: 'Government debt balance (yuan)' },
  { name: 'debtServiceDue', zh: '本年到期债务还本付息（元）', en: 'Debt service due this year (yuan)' },
  { name: 'treasuryCash', zh: '月末国库库款余额（元）', en: 'Treasury cash at month end (yuan)' },
  { name: 'threeGuaranteesSpending', zh: '当月三保支出（元）', en: 'Three-guarantees spending in the month (yuan)' },
] as const;
type Values = { month?: string } & Partial<Record<(typeof FIGURES)[number]['name'], string>>;
const figuresOf = (v: Values) => Object.fromEntries(FIGURES.map((f) => [f.name, v[f.name]?.trim() ?? '']));

/** 录入月度数据: the director or the treasury records a month's R-M2 figures (a second entry for the month replaces the first). */
function PositionForm({ editing, onDone }: { editing: MonthlyPosition | null; onDone: () => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const { form, help, onValuesChange, sending, submit } = useEntryForm((v: Values) => {
    const errors = schemaErrors(ZMonthlyPosition, figuresOf(v), lang);
    if (!MONTH_PATTERN.test(v.month?.trim() ?? '')) errors.month = t('月份格式为 YYYY-MM，如 2026-11', 'A month as YYYY-MM');
    return errors;
  }, async (v) => { await api.put(`/monitoring/positions/${v.month!.trim()}`, figuresOf(v)); return v.month!.trim(); }, (month) => {
    message.success(t(`已保存 ${month} 的数据`, `Saved the figures of ${month}`));
    onDone();
  });
  useEffect(() => { if (editing) form.setFieldsValue({ month: editing.month, ...figuresOf(editing) }); }, [editing, form]);
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 640 }} data-testid="position-form" initialValues={{ month: addMonths(`${chinaDate(Date.now()).slice(0, 7)}-01`, -1).slice(0, 7) }}
      onValuesChange={onValuesChange}>
      <Form.Item name="month" label={t('月份', 'Month')} required extra={t('已录入的月份再次保存即为更正', 'Saving a month already recorded corrects it')} {...help('month')}>
        <Input id="positionMonth" placeholder="YYYY-MM" style={{ width: 140 }} />
      </Form.Item>
      {FIGURES.map((f) => (
        <Form.Item key={f.name} name={f.name} label={t(f.zh, f.en)} required {...help(f.name)}>
          <AmountInput id={f.name} placeholder="1,234.50" style={{ maxWidth: 280 }} />
        </Form.Item>
      ))}
      <ErrorAlert error={sending.error} />
      <Button type="primary" onClick={submit} loading={sending.busy} style={{ marginTop: 12 }} data-testid="position-submit">{t('保存', 'Save')}</Button>
    </Form>
  );
}

/** R-M2 月度数据: debt, debt service, treasury cash and 三保 spending per month, and the 库款保障水平 they give. */
export function PositionsTab() {
  const { t } = useT();
  const { has } = useAuth();
  const [data, setData] = useState<{ items: MonthlyPosition[]; cashCoverageMonths: string | null } | null>(null);
  const [editing, setEditing] = useState<MonthlyPosition | null>(null);
  const reload = useCallback(() => { api.get<{ items: MonthlyPosition[]; cashCoverageMonths: string | null }>('/monitoring/positions').then(setData); }, []);
  useEffect(reload, [reload]);
  const records = has('finance_director', 'treasury_officer');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{ruleLine('R-M2')}</Typography.Paragraph>
      <Statistic title={t('库款保障水平（月）', 'Treasury cash coverage (months)')} value={data?.cashCoverageMonths ?? '—'} data-testid="cash-coverage" />
      {records && (
        <Card size="small" title={t('录入月度数据', 'Record a month’s figures')}>
          <PositionForm editing={editing} onDone={() => { setEditing(null); reload(); }} />
        </Card>
      )}
      <Table rowKey="month" size="small" dataSource={data?.items ?? []} pagination={false} scroll={{ x: true }} data-testid="positions-table" columns={[
        { title: t('月份', 'Month'), dataIndex: 'month' },
        ...FIGURES.map((f) => ({ title: t(f.zh.replace('（元）', ''), f.en.replace(' (yuan)', '')), align: 'right' as const, render: (_: unknown, p: MonthlyPosition) => yuan(p[f.name]) })),
        ...(records ? [{ title: '', render: (_: unknown, p: MonthlyPosition) => <Button size="small" onClick={() => setEditing(p)} data-testid={`position-edit-${p.month}`}>{t('更正', 'Correct')}</Button> }] : []),
      ]} />
    </Space>
  );
}
