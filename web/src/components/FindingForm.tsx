import { App, Button, Form, Input, Space } from 'antd';
import { AmountInput } from './AmountInput';
import { chinaDate } from '../../../domain/china-calendar';
import { FindingBounds, loanFindingSchema } from '../../../domain/loan-finding';
import { api, Loan, LoanFinding } from '../api';
import { useT } from '../i18n';
import { yuan } from '../format';
import { useFieldErrors, useSubmission } from '../form-state';
import { ErrorAlert, RuleTag } from './RuleTags';

interface Values { foundOn?: string; enterprise?: string; amount?: string; description?: string }
export interface FindingAnswer { finding: LoanFinding; loan: Loan }

const body = (v: Values) => ({ description: v.description ?? '', enterprise: v.enterprise ?? '', amount: v.amount?.trim() ?? '', foundOn: v.foundOn?.trim() ?? '' });

// The shared money and date schemas speak English only; the finding's own messages are "中文 / English".
const SHAPE_ZH: Record<string, string> = {
  amount: '请填写大于0的金额（元，两位小数），如 1234.50',
  foundOn: '请按 YYYY-MM-DD 填写有效日期',
};
const inLang = (field: string, message: string, lang: 'zh' | 'en') => {
  const parts = message.split(' / ');
  if (parts.length > 1) return lang === 'zh' ? parts[0] : parts[parts.length - 1];
  return lang === 'zh' ? SHAPE_ZH[field] ?? message : message;
};

/** Field → message from the API's own schema, bounded by this loan (amount, disbursement date, today), as it is typed. */
function validate(v: Values, bounds: FindingBounds, lang: 'zh' | 'en'): Record<string, string> {
  const errors: Record<string, string> = {};
  const parsed = loanFindingSchema(bounds).safeParse(body(v));
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= inLang(String(i.path[0]), i.message, lang);
  return errors;
}

/** 登记转借企业情况: the bureau or the treasury records that money of this disbursed loan went to an enterprise (R-L2). */
export function FindingForm({ loan, onDone }: { loan: Loan; onDone: (answer: FindingAnswer) => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const today = chinaDate(Date.now());
  const bounds: FindingBounds = { loanAmount: loan.amount, disbursedOn: loan.disbursedAt ? chinaDate(Date.parse(loan.disbursedAt)) : today, today };
  const checks = useFieldErrors((v: Values) => validate(v, bounds, lang), () => form.getFieldsValue(true));
  const sending = useSubmission();
  const help = checks.help;

  const submit = async () => {
    if (!checks.passes()) return;
    const answer = await sending.submit((key) => api.post<FindingAnswer>(`/loans/${loan.id}/findings`, body(form.getFieldsValue(true)), key));
    if (!answer) return;
    message.success(t('已登记转借企业情况（R-L2）', 'Finding recorded (R-L2)'));
    form.resetFields();
    checks.reset();
    onDone(answer);
  };

  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 640 }} data-testid="finding-form" initialValues={{ foundOn: today }}
      onValuesChange={(c) => checks.changed(Object.keys(c))}>
      <Form.Item name="foundOn" label={t('发现日期', 'Found on')} required
        extra={t(`放款日 ${bounds.disbursedOn} 至今天`, `From the disbursement on ${bounds.disbursedOn} to today`)} {...help('foundOn')}>
        <Input id="findingFoundOn" placeholder="YYYY-MM-DD" style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="enterprise" label={t('转借的企业', 'Enterprise the money went to')} required {...help('enterprise')}>
        <Input id="findingEnterprise" maxLength={200} placeholder={t('企业全称', 'Full name of the enterprise')} />
      </Form.Item>
      <Form.Item name="amount" label={<Space size={4}>{t('转借金额（元）', 'Amount re-lent (yuan)')}<RuleTag id="R-L2" /></Space>} required
        extra={t(`不超过借款金额 ${yuan(loan.amount)}`, `At most the loan amount of ${yuan(loan.amount)}`)} {...help('amount')}>
        <AmountInput id="findingAmount" placeholder="1,234.50" style={{ maxWidth: 240 }} />
      </Form.Item>
      <Form.Item name="description" label={t('发现的情况', 'What was found')} required {...help('description')}>
        <Input.TextArea id="findingDescription" rows={3} maxLength={2000}
          placeholder={t('资金如何转入企业，如何发现（如审计抽查、银行流水核对）', 'How the money reached the enterprise and how it came to light')} />
      </Form.Item>
      <ErrorAlert error={sending.error} />
      <Button type="primary" danger onClick={submit} loading={sending.busy} style={{ marginTop: 12 }} data-testid="finding-submit">
        {t('登记转借企业情况', 'Record finding')}
      </Button>
    </Form>
  );
}
