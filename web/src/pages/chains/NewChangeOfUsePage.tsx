import { Button, Card, Form, Input, Result, Select, Typography } from 'antd';
import { checkChangeOfUse, ZChangeOfUseRequest } from '../../../../domain/change-of-use';
import { BUDGET_CATEGORIES, BudgetCategory } from '../../../../domain/budget';
import { RULES } from '../../../../domain/rules';
import { fiscalYearAt } from '../../../../domain/china-calendar';
import type { ChangeOfUse } from '../../chains-api';
import { useAuth } from '../../auth';
import { useT } from '../../i18n';
import { useFilingForm } from './use-filing-form';
import { zodMessage } from '../../zod-zh';
import { ErrorAlert, violationText } from '../../components/RuleTags';
import { AmountInput } from '../../components/AmountInput';

interface Values { amount?: string; fromUse?: string; fromCategory?: BudgetCategory; toUse?: string; toCategory?: BudgetCategory; reason?: string }
const body = (v: Values) => ({
  amount: v.amount?.trim(), fromUse: v.fromUse ?? '', fromCategory: v.fromCategory, toUse: v.toUse ?? '', toCategory: v.toCategory, reason: v.reason ?? '',
});

/** Field → message from the API's schema and R-B10, as the clerk types; R-B10 shows as soon as both categories are chosen. */
function validate(v: Values, lang: 'zh' | 'en'): Record<string, string> {
  const errors: Record<string, string> = {};
  const parsed = ZChangeOfUseRequest.safeParse(body(v));
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const field = String(i.path[0] ?? 'form');
      errors[field] ??= field.endsWith('Category') ? (lang === 'zh' ? '请选择支出类别' : 'Choose a category') : zodMessage(i, lang);
    }
  }
  if (v.fromCategory && v.toCategory) {
    for (const x of checkChangeOfUse({ fromCategory: v.fromCategory, toCategory: v.toCategory })) errors[x.field ?? 'form'] = violationText(x, lang);
  }
  return errors;
}

/** A unit asks to move budgeted money from one use to another (预算调剂, R-B10). */
export function NewChangeOfUsePage() {
  const { t, lang } = useT();
  const { has, user } = useAuth();
  const { form, checks, sending, submit } = useFilingForm<Values, { changeOfUse: ChangeOfUse }>({
    validate, body, apiPath: '/changes-of-use', pageOf: (r) => `/changes-of-use/${r.changeOfUse.id}`,
  });
  if (!has('dept_clerk')) return <Result status="403" title={t('只有预算单位经办人可以申请预算调剂', 'Only a department clerk can ask for a change of use')} />;
  const { help: status } = checks;
  const categories = Object.entries(BUDGET_CATEGORIES).map(([k, c]) => ({
    value: k, label: <span data-option={k}>{c[lang]}</span>,
  }));
  return (
    <Card title={[t('预算调剂申请', 'Change of use'), user?.unit?.name].filter(Boolean).join(' · ')}>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 720 }}>
        R-B10「{RULES['R-B10'].zh}」{t('调剂须经财政局审核、分管领导审批、县政府常务会议研究；三保资金不得调剂用于其他用途。',
          ' A change passes finance review, the leader in charge and the executive meeting; three-guarantees money cannot move to other uses.')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" style={{ maxWidth: 720 }} onValuesChange={(c) => checks.changed(Object.keys(c))}>
        <Form.Item label={t('预算年度（按提交日期北京时间确定）', 'Fiscal year (the China date of filing)')}>
          <span data-testid="change-fiscal-year">{fiscalYearAt(Date.now())}</span>
        </Form.Item>
        <Form.Item name="amount" label={t('调剂金额（元）', 'Amount (yuan)')} required {...status('amount')}>
          <AmountInput id="changeAmount" placeholder="50,000.00" />
        </Form.Item>
        <Form.Item name="fromCategory" label={t('调出资金类别', 'Category of the money leaving')} required {...status('fromCategory')}>
          <Select id="fromCategory" options={categories} />
        </Form.Item>
        <Form.Item name="fromUse" label={t('调出用途（原预算项目）', 'Current use (budget line)')} required {...status('fromUse')}>
          <Input id="fromUse" maxLength={200} />
        </Form.Item>
        <Form.Item name="toCategory" label={t('调入资金类别', 'Category of the new use')} required {...status('toCategory')}>
          <Select id="toCategory" options={categories} />
        </Form.Item>
        <Form.Item name="toUse" label={t('调入用途', 'New use')} required {...status('toUse')}>
          <Input id="toUse" maxLength={200} />
        </Form.Item>
        <Form.Item name="reason" label={t('调剂理由', 'Reason')} required {...status('reason')}>
          <Input.TextArea id="changeReason" rows={3} maxLength={2000} />
        </Form.Item>
        <ErrorAlert error={sending.error} />
        <Button type="primary" onClick={submit} loading={sending.busy} style={{ marginTop: 12 }} data-testid="submit-change-of-use">{t('提交调剂申请', 'Submit')}</Button>
      </Form>
    </Card>
  );
}
