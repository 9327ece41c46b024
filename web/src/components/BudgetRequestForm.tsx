import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Select, Space, Typography, Card } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  BUDGET_CATEGORIES, BudgetCategory, checkBudgetContent, GENERAL_PURPOSE_MIN_JUSTIFICATION, ZBudgetRequestContent,
} from '../../../domain/budget';
import { fiscalYearAt } from '../../../domain/china-calendar';
import { api, FiscalYear, BudgetRequest } from '../api';
import { useT } from '../i18n';
import { yuan } from '../format';
import { ErrorAlert } from './RuleTags';
import { useFieldErrors, useSubmission } from '../form-state';
import { zodMessage } from '../zod-zh';
import { AmountInput } from './AmountInput';
import { PolicyPicker } from './PolicyPicker';

export interface FormContent {
  /** shown, never sent: a request belongs to the China year it is filed in */
  fiscalYear?: number; amount?: string; category?: BudgetCategory; purpose?: string; justification?: string;
  disbursementPlan?: { month?: string; amount?: string }[];
  /** R-B9: the policy in force the request implements, if any */
  policyId?: string;
}

/** Builds the request body from the form, without empty optional parts. */
function toContent(v: FormContent) {
  const plan = (v.disbursementPlan ?? []).filter((i) => i && (i.month || i.amount));
  return {
    amount: v.amount?.trim(), category: v.category, purpose: v.purpose ?? '', justification: v.justification ?? '',
    ...(plan.length ? { disbursementPlan: plan.map((i) => ({ month: i.month?.trim(), amount: i.amount?.trim() })) } : {}),
    ...(v.policyId ? { policyId: v.policyId } : {}),
  };
}

/** Field → message, from the same zod schema and rule checks (R-B4, R-B6) the API runs. */
export function validateContent(v: FormContent, lang: 'zh' | 'en', fiscalYear: number): Record<string, string> {
  const errors: Record<string, string> = {};
  const content = toContent(v);
  const parsed = ZBudgetRequestContent.safeParse(content);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      if (field === 'category') errors.category ??= lang === 'zh' ? '请选择支出类别' : 'Choose a category';
      else errors[field] ??= zodMessage(issue, lang);
    }
  }
  // The rule checks need a well-formed request; until the rest is, R-B4 (category + justification) still runs.
  const checked = parsed.success ? parsed.data
    : content.category && content.category in BUDGET_CATEGORIES
      ? { amount: '0.00', purpose: '', category: content.category, justification: content.justification }
      : null;
  for (const violation of checked ? checkBudgetContent(checked, fiscalYear) : []) {
    errors[violation.field ?? 'form'] ??= `${violation.ruleId}「${violation.zh}」：${lang === 'zh' ? violation.detail.split(' / ')[0] : violation.detail.split(' / ').pop()}`;
  }
  return errors;
}

/** The supplementary-budget form, for a new request or a resubmission after a return. */
export function BudgetRequestForm({ initial, submitPath, round, onSaved }: {
  initial?: FormContent; submitPath: string; round?: number; onSaved: (r: BudgetRequest) => void;
}) {
  const { t, lang } = useT();
  const [form] = Form.useForm<FormContent>();
  const [years, setYears] = useState<FiscalYear[]>([]);
  // A new request belongs to the current China year; a resubmission stays in its request's year.
  const fiscalYear = initial?.fiscalYear ?? fiscalYearAt(Date.now());
  const figures = years.find((y) => y.year === fiscalYear);
  const checks = useFieldErrors((v: FormContent) => validateContent(v, lang, fiscalYear), () => form.getFieldsValue(true));
  const sending = useSubmission();
  const category = Form.useWatch('category', form);
  const justification = Form.useWatch('justification', form) ?? '';

  useEffect(() => { api.get<{ items: FiscalYear[] }>('/fiscal-years').then((r) => setYears(r.items)); }, []);
  useEffect(() => { if (initial) { form.setFieldsValue(initial); checks.changed(); } }, [initial, form]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => checks.changed(), [lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const { help: status, shown } = checks;

  const submit = async () => {
    if (!checks.passes()) return;
    const values = form.getFieldsValue(true);
    const r = await sending.submit((key) => api.post<{ request: BudgetRequest }>(submitPath, { ...toContent(values), ...(round ? { round } : {}) }, key));
    if (r) onSaved(r.request);
  };

  const isGeneral = category === 'general_purpose';
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 720 }}
      onValuesChange={(changed) => checks.changed(Object.keys(changed))}>
      <Form.Item label={t('预算年度（按提交日期北京时间确定）', 'Fiscal year (the China date of filing)')} {...status('fiscalYear')}>
        <span data-testid="fiscal-year">{fiscalYear}{figures ? ` · ${t('剩余可用财力', 'remaining')} ${yuan(figures.remaining)}` : ''}</span>
        {years.length > 0 && !figures && (
          <Alert type="warning" showIcon style={{ marginTop: 8 }} data-testid="fiscal-year-missing"
            title={t(`财政局局长尚未录入 ${fiscalYear} 年的可用财力，暂不能提交（R-B3）`, `The finance director has not entered ${fiscalYear}'s available resources yet (R-B3)`)} />
        )}
      </Form.Item>
      <Form.Item name="category" label={t('支出类别', 'Category')} required {...status('category')}>
        <Select id="category" options={Object.entries(BUDGET_CATEGORIES).map(([k, c]) => ({
          value: k, label: <span data-option={k}>{c[lang]}{c.threeGuarantees ? ` · R-B5 ${t('优先', 'priority')}` : k === 'general_purpose' ? ` · R-B4 ${t('需说明理由', 'needs justification')}` : ''}</span>,
        }))} />
      </Form.Item>
      <Form.Item name="amount" label={t('申请金额（元）', 'Amount (yuan)')} required {...status('amount')}
        extra={t('精确到分，如 1,250,000.50', 'Exact to the fen, e.g. 1,250,000.50')}>
        <AmountInput id="amount" placeholder="1,250,000.50" />
      </Form.Item>
      <Form.Item name="purpose" label={t('用途', 'Purpose')} required {...status('purpose')}>
        <Input id="purpose" maxLength={500} />
      </Form.Item>
      <Form.Item name="justification" label={isGeneral ? t('追加理由（R-B4 一般性支出须说明，不少于20字）', 'Justification (R-B4: at least 20 characters)') : t('追加理由', 'Justification')}
        required={isGeneral} {...status('justification')}
        extra={isGeneral ? `${justification.trim().length} / ${GENERAL_PURPOSE_MIN_JUSTIFICATION}` : undefined}>
        <Input.TextArea id="justification" rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item name="policyId" label={t('执行的重大增支政策（R-B9，选填：须已报上级政府备案生效）', 'Policy implemented (R-B9, optional: it must be in force)')} {...status('policyId')}>
        <PolicyPicker />
      </Form.Item>
      <Card size="small" title={t('拨付计划（R-B6，选填；不填则执行当月一次拨付）', 'Disbursement plan (R-B6, optional; default: all in the month of execution)')} style={{ marginBottom: 16 }}>
        <Form.List name="disbursementPlan">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'month']} rules={[]}><Input placeholder="2026-11" style={{ width: 120 }} /></Form.Item>
                  <Form.Item name={[f.name, 'amount']}><AmountInput placeholder="100,000.00" style={{ width: 180 }} /></Form.Item>
                  <MinusCircleOutlined onClick={() => { remove(f.name); checks.changed(); }} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>{t('添加一期', 'Add instalment')}</Button>
              {shown('disbursementPlan') && <Typography.Paragraph type="danger" data-testid="error-disbursementPlan" style={{ marginTop: 8 }}>{shown('disbursementPlan')}</Typography.Paragraph>}
            </>
          )}
        </Form.List>
      </Card>
      <ErrorAlert error={sending.error} />
      <Button type="primary" onClick={submit} loading={sending.busy} style={{ marginTop: 12 }} data-testid="submit-request">
        {round ? t('重新提交', 'Resubmit') : t('提交申请', 'Submit request')}
      </Button>
    </Form>
  );
}
