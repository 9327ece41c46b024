import { Button, Form, Input, Space, Typography } from 'antd';
import { ZFiscalYearFigures } from '../../../domain/budget';
import { advancesPosition } from '../../../domain/loan';
import { addYuan, ZYuan } from '../../../domain/money';
import { api, FiscalYear, FiscalYearSaved } from '../api';
import { useT } from '../i18n';
import { twoDecimals, yuan } from '../format';
import { ErrorAlert, RuleTag } from './RuleTags';
import { useFieldErrors, useSubmission } from '../form-state';

interface Values { year?: string; generalBudgetExpenditure?: string; fundBudgetExpenditure?: string; availableResources?: string }
const FIELDS = ['generalBudgetExpenditure', 'fundBudgetExpenditure', 'availableResources'] as const;

// The schema's messages are English; the form shows them Chinese first.
const ZH: Record<string, string> = {
  'must be yuan with exactly two decimals, e.g. "1234.50"': '金额须为元，保留两位小数，如 1234.50',
  'must be a string of yuan with exactly two decimals, e.g. "1234.50"': '请填写金额（元，两位小数），如 1234.50',
};

const body = (v: Values) => Object.fromEntries(FIELDS.map((f) => [f, v[f]?.trim().replace(/,/g, '') || undefined]));

/** Field → message, from the zod schema the API validates with; a new year also needs a year not yet recorded. */
function validate(v: Values, adding: number[] | null, lang: 'zh' | 'en'): Record<string, string> {
  const errors: Record<string, string> = {};
  if (adding) {
    // The API accepts years 2000–2100 (its path parameter); an existing year is edited from its row instead.
    const year = Number(v.year);
    if (!/^\d{4}$/.test(v.year?.trim() ?? '') || year < 2000 || year > 2100) errors.year = lang === 'zh' ? '请填写 2000–2100 之间的年度' : 'Enter a year from 2000 to 2100';
    else if (adding.includes(year)) errors.year = lang === 'zh' ? `${year} 年度已有数据，请在表中编辑该年度` : `${year} is already recorded; edit it in the table`;
  }
  const parsed = ZFiscalYearFigures.safeParse(body(v));
  if (!parsed.success) {
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= lang === 'zh' ? ZH[i.message] ?? i.message : i.message;
  }
  return errors;
}

/**
 * The finance director's form for one year's figures: a new year (`existing` null) or an edit.
 * R-B3 and R-L8 are decided by the API; the form shows beforehand what each will measure against.
 */
export function FiscalYearForm({ existing, years, onSaved, onCancel }: {
  existing: FiscalYear | null; years: number[]; onSaved: (answer: FiscalYearSaved) => void; onCancel: () => void;
}) {
  const { t, lang } = useT();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) ?? {};
  const adding = existing ? null : years;
  const checks = useFieldErrors((v: Values) => validate(v, adding, lang), () => form.getFieldsValue(true));
  const sending = useSubmission();
  const help = checks.help;
  const yuanInput = (f: (typeof FIELDS)[number]) => (
    <Input id={f} placeholder="1234.50" style={{ width: 240 }} prefix="¥"
      onBlur={(e) => { const v = twoDecimals(e.target.value); if (v !== e.target.value) { form.setFieldValue(f, v); checks.changed([f]); } }} />
  );

  // What the API will compare the figures with: R-B3's floor and, from the domain's own computation, R-L8's cap.
  const floor = existing && addYuan(existing.reserved, existing.committed);
  const typed = body(values);
  const general = typed.generalBudgetExpenditure;
  const fund = typed.fundBudgetExpenditure;
  const preview = existing?.advances && ZYuan.safeParse(general).success && ZYuan.safeParse(fund).success
    ? advancesPosition({ generalBudgetExpenditure: general!, fundBudgetExpenditure: fund! }, existing.advances.outstanding, existing.advances.reserved)
    : null;

  const submit = async () => {
    if (!checks.passes()) return;
    const v = form.getFieldsValue(true);
    // PUT sets the year's figures outright: repeating it changes nothing, so it needs no key.
    const answer = await sending.submit(() => api.put<FiscalYearSaved>(`/fiscal-years/${existing?.year ?? Number(v.year)}`, body(v)));
    if (answer) onSaved(answer);
  };

  return (
    <Form form={form} layout="vertical" data-testid="fiscal-year-form" initialValues={existing ? {
      generalBudgetExpenditure: existing.generalBudgetExpenditure, fundBudgetExpenditure: existing.fundBudgetExpenditure, availableResources: existing.availableResources,
    } : {}} onValuesChange={(c) => checks.changed(Object.keys(c))}>
      {!existing && (
        <Form.Item name="year" label={t('预算年度', 'Fiscal year')} required {...help('year')}>
          <Input id="fyYear" placeholder="2028" style={{ width: 120 }} maxLength={4} />
        </Form.Item>
      )}
      <Space wrap size="large" align="start">
        <Form.Item name="generalBudgetExpenditure" label={t('一般公共预算支出（元）', 'General public budget expenditure (yuan)')} required {...help('generalBudgetExpenditure')}>
          {yuanInput('generalBudgetExpenditure')}
        </Form.Item>
        <Form.Item name="fundBudgetExpenditure" label={t('政府性基金预算支出（元）', 'Government fund budget expenditure (yuan)')} required {...help('fundBudgetExpenditure')}>
          {yuanInput('fundBudgetExpenditure')}
        </Form.Item>
        <Form.Item name="availableResources" label={<Space size={4}>{t('可用财力（元）', 'Available resources (yuan)')}<RuleTag id="R-B3" /></Space>} required
          extra={floor && t(`不得低于已预留 + 已承诺 ${yuan(floor)}`, `Not below what is reserved + committed: ${yuan(floor)}`)} {...help('availableResources')}>
          {yuanInput('availableResources')}
        </Form.Item>
      </Space>
      {preview && (
        <Typography.Paragraph type={preview.overCap ? 'warning' : 'secondary'} data-testid="cap-preview">
          <RuleTag id="R-L8" />
          {t(`暂付款上限将为 ${yuan(preview.cap)}（支出之和×5%），已占用 ${yuan(preview.held)}`, `The advances cap becomes ${yuan(preview.cap)} (5% of expenditure); ${yuan(preview.held)} is held`)}
          {preview.overCap && t(`，超出 ${yuan(preview.excess)}：数据照常保存，但回落到上限以内之前不能再批准借款`, `, ${yuan(preview.excess)} over: the figures are saved, but no loan can be approved until advances are back within the cap`)}
        </Typography.Paragraph>
      )}
      <ErrorAlert error={sending.error} />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" onClick={submit} loading={sending.busy} data-testid="fy-submit">{t('保存', 'Save')}</Button>
        <Button onClick={onCancel} data-testid="fy-cancel">{t('取消', 'Cancel')}</Button>
      </Space>
    </Form>
  );
}
