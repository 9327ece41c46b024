import { App, Button, Form, Input, Space, Typography } from 'antd';
import { AmountInput } from './AmountInput';
import { compareYuan } from '../../../domain/money';
import { chinaDate } from '../../../domain/china-calendar';
import { ZRepayment } from '../../../domain/loan-treasury';
import { RULES } from '../../../domain/rules';
import { api, Loan } from '../api';
import { useT } from '../i18n';
import { yuan } from '../format';
import { useFieldErrors, useSubmission } from '../form-state';
import { ErrorAlert, RuleTag } from './RuleTags';

interface Values { paymentId?: string; amount?: string; paidOn?: string; reference?: string }
export interface RepaymentAnswer { outcome: { outstanding: string; closed: boolean; replayed: boolean }; loan: Loan }

const body = (v: Values) => ({ paymentId: v.paymentId ?? '', amount: v.amount?.trim() ?? '', paidOn: v.paidOn?.trim() ?? '', reference: v.reference?.trim() || undefined });

const SHAPE_ZH: Record<string, string> = {
  paymentId: '请填写付款编号（银行回单或凭证号）',
  amount: '请填写大于0的金额（元，两位小数），如 1234.50',
  paidOn: '请按 YYYY-MM-DD 填写有效日期',
};

/** Field → message, from the API's own schema and the checks the workflow makes (R-L10), as the officer types. */
function validate(v: Values, loan: Loan, today: string, lang: 'zh' | 'en'): Record<string, string> {
  const errors: Record<string, string> = {};
  const parsed = ZRepayment.safeParse(body(v));
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const field = String(i.path[0]);
      errors[field] ??= lang === 'zh' ? SHAPE_ZH[field] ?? i.message : i.message;
    }
  }
  const amount = body(v).amount;
  if (!errors.amount && compareYuan(amount, loan.outstanding) > 0) {
    errors.amount = `R-L10「${RULES['R-L10'].zh}」：${lang === 'zh' ? `还款 ${amount} 元超过未还余额 ${loan.outstanding} 元` : `${amount} is more than the ${loan.outstanding} outstanding`}`;
  }
  const paidOn = body(v).paidOn;
  const disbursedOn = loan.disbursedAt ? chinaDate(Date.parse(loan.disbursedAt)) : undefined;
  if (!errors.paidOn && paidOn > today) errors.paidOn = lang === 'zh' ? '还款日期不能晚于今天' : 'The payment date cannot be in the future';
  else if (!errors.paidOn && disbursedOn && paidOn < disbursedOn) errors.paidOn = lang === 'zh' ? `还款日期不能早于放款日 ${disbursedOn}` : `The payment date cannot be before disbursement (${disbursedOn})`;
  return errors;
}

/** 登记还款: the treasury records a full or partial repayment (谁借出，谁回收; R-L10); the balance must not go below zero. */
export function RepaymentForm({ loan, onDone }: { loan: Loan; onDone: (answer: RepaymentAnswer) => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const today = chinaDate(Date.now());
  const checks = useFieldErrors((v: Values) => validate(v, loan, today, lang), () => form.getFieldsValue(true));
  const sending = useSubmission();

  const submit = async () => {
    if (!checks.passes()) return;
    const answer = await sending.submit((key) => api.post<RepaymentAnswer>(`/loans/${loan.id}/repayments`, body(form.getFieldsValue(true)), key));
    if (!answer) return;
    message.success(answer.outcome.closed ? t('已登记还款，借款已结清', 'Repayment recorded; the loan is repaid in full')
      : t(`已登记还款，未还余额 ${yuan(answer.outcome.outstanding)}`, `Repayment recorded; ${yuan(answer.outcome.outstanding)} outstanding`));
    form.resetFields();
    checks.reset();
    onDone(answer);
  };
  const help = checks.help;

  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 560 }} data-testid="repayment-form" initialValues={{ paidOn: today }}
      onValuesChange={(c) => checks.changed(Object.keys(c))}>
      <Typography.Paragraph>{t('未还余额', 'Outstanding')}：<b>{yuan(loan.outstanding)}</b></Typography.Paragraph>
      <Form.Item name="paymentId" label={t('付款编号（银行回单或凭证号）', 'Payment ID (bank slip or voucher number)')} required
        extra={t('同一编号重复登记不会重复入账', 'Recording the same ID again changes nothing')} {...help('paymentId')}>
        <Input id="paymentId" maxLength={100} />
      </Form.Item>
      <Form.Item label={<Space size={4}>{t('还款金额（元）', 'Amount (yuan)')}<RuleTag id="R-L10" /></Space>} required {...help('amount')}>
        <Space align="start" wrap>
          <Form.Item name="amount" noStyle><AmountInput id="repaymentAmount" placeholder="1,234.50" style={{ width: 220 }} /></Form.Item>
          <Button onClick={() => { form.setFieldValue('amount', loan.outstanding); checks.changed(['amount']); }}
            data-testid="repay-in-full">{t('全部还清', 'Full balance')}</Button>
        </Space>
      </Form.Item>
      <Form.Item name="paidOn" label={t('还款日期', 'Paid on')} required {...help('paidOn')}>
        <Input id="paidOn" placeholder="YYYY-MM-DD" style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="reference" label={t('备注（选填）', 'Reference (optional)')}>
        <Input id="repaymentReference" maxLength={200} />
      </Form.Item>
      <ErrorAlert error={sending.error} />
      <Button type="primary" onClick={submit} loading={sending.busy} style={{ marginTop: 12 }} data-testid="repayment-submit">{t('登记还款', 'Record repayment')}</Button>
    </Form>
  );
}
