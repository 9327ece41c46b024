import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { checkBorrower, checkLoanApplication, LOAN_PURPOSES, ZLoanApplication, BorrowerUnit, LoanApplication } from '../../../domain/loan';
import { chinaDate, fiscalYearAt } from '../../../domain/china-calendar';
import { api, FiscalYear, Loan } from '../api';
import { useFieldErrors, useSubmission } from '../form-state';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { ErrorAlert, violationText } from '../components/RuleTags';
import { AmountInput } from '../components/AmountInput';
import { zodMessage } from '../zod-zh';

interface Values { amount?: string; purpose?: string; purposeDetails?: string; repaymentSource?: string; termMonths?: number; noOnLendingDeclared?: boolean; fundsNewSpending?: boolean }

const body = (v: Values) => ({
  amount: v.amount?.trim(), purpose: v.purpose ?? '', purposeDetails: v.purposeDetails ?? '', repaymentSource: v.repaymentSource ?? '',
  termMonths: v.termMonths ?? undefined, noOnLendingDeclared: Boolean(v.noOnLendingDeclared), fundsNewSpending: v.fundsNewSpending,
});

/**
 * Field → message from the API's own zod schema and rule checks (R-L1–R-L5, R-L9), as the clerk
 * types, in the reader's language. The rules run even while some field is still malformed (with a
 * stand-in for it), so every broken rule shows at once, as on the budget form.
 */
function validate(v: Values, unit: BorrowerUnit | undefined, lang: 'zh' | 'en'): Record<string, string> {
  const errors: Record<string, string> = {};
  const b = body(v);
  const parsed = ZLoanApplication.safeParse(b);
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0] ?? 'form')] ??= zodMessage(i, lang);
  // Nothing chosen yet: ask for it plainly rather than quote R-L3's list of allowed keys.
  if (!b.purpose) errors.purpose = lang === 'zh' ? 'R-L3：请选择借款用途' : 'R-L3: choose the purpose';
  if (!unit) return errors;
  const app: LoanApplication = parsed.success ? parsed.data : {
    ...b, amount: '0.01', purposeDetails: 'xx', repaymentSource: b.repaymentSource, fundsNewSpending: Boolean(b.fundsNewSpending),
    termMonths: typeof b.termMonths === 'number' ? b.termMonths : undefined,
  };
  for (const x of checkLoanApplication(app, unit, { today: chinaDate(Date.now()) })) {
    errors[x.field ?? 'form'] ??= violationText(x, lang);
  }
  return errors;
}

/** The loan application (借款申请) of a borrower unit's clerk. */
export function NewLoanPage() {
  return <LoanApplicationForm />;
}

/** The application form: a new loan, or (with `revise`) a returned loan's revised application, resubmitted into the same loan. */
export function LoanApplicationForm({ revise }: { revise?: { loan: Loan; onSaved: (loan: Loan) => void } }) {
  const { t, lang } = useT();
  const { has, user } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [years, setYears] = useState<FiscalYear[]>([]);
  const [unit, setUnit] = useState<BorrowerUnit>();
  const checks = useFieldErrors((v: Values) => validate(v, unit, lang), () => form.getFieldsValue(true));
  const sending = useSubmission();
  useEffect(() => {
    api.get<{ items: FiscalYear[] }>('/fiscal-years').then((r) => setYears(r.items));
    api.get<{ items: (BorrowerUnit & { id: string })[] }>('/units').then((r) => setUnit(r.items.find((u) => u.id === user?.unitId)));
  }, [user]);
  if (!has('dept_clerk')) return <Result status="403" title={t('只有预算单位经办人可以申请借款', 'Only a department clerk can apply')} />;
  // R-L1: an ineligible unit's clerk learns it before filling anything in.
  const ineligible = unit ? checkBorrower(unit)[0] : undefined;
  if (ineligible) {
    return (
      <Result status="warning" data-testid="loan-ineligible" title={t('本单位不能申请借款', 'Your unit cannot apply for a loan')}
        subTitle={<span data-testid="error-unit">{violationText(ineligible, lang)}</span>} />
    );
  }

  const { errors, help: status } = checks;
  const year = fiscalYearAt(Date.now());
  const submit = async () => {
    if (!checks.passes()) return;
    const r = await sending.submit((key) => api.post<{ loan: Loan }>(revise ? `/loans/${revise.loan.id}/resubmit` : '/loans', body(form.getFieldsValue(true)), key));
    if (r && revise) revise.onSaved(r.loan);
    else if (r) navigate(`/loans/${r.loan.id}`);
  };
  const initial: Values = revise
    ? { ...revise.loan, amount: revise.loan.amount, termMonths: revise.loan.termMonths ?? undefined, fundsNewSpending: false, noOnLendingDeclared: true }
    : { fundsNewSpending: false };
  return (
    <Card title={<span data-testid="loan-form-title">{revise ? t('修改借款申请', 'Revise the application') : t('借款申请', 'Loan application')}{user?.unit ? ` · ${user.unit.name}` : ''}</span>}>
      {errors.unit && <Alert type="error" showIcon title={errors.unit} data-testid="error-unit" style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" style={{ maxWidth: 720 }} initialValues={initial}
        onValuesChange={(c) => checks.changed(Object.keys(c))}>
        {/* The year is not chosen: a loan belongs to the China year it is disbursed in; R-L8 needs this year's figures. */}
        <Form.Item label={t('预算年度（按北京时间确定，放款年度为准）', 'Fiscal year (China time; the year of disbursement counts)')}>
          <span data-testid="loan-fiscal-year">{year}</span>
          {years.length > 0 && !years.some((y) => y.year === year) && (
            <Alert type="warning" showIcon style={{ marginTop: 8 }} data-testid="fiscal-year-missing"
              title={t(`财政局局长尚未录入 ${year} 年的一般公共预算支出和政府性基金预算支出，暂不能申请（R-L8）`, `The finance director has not entered ${year}'s expenditure figures yet (R-L8)`)} />
          )}
        </Form.Item>
        <Form.Item name="amount" label={t('借款金额（元）', 'Amount (yuan)')} required {...status('amount')}>
          <AmountInput id="loanAmount" placeholder="300,000.00" />
        </Form.Item>
        <Form.Item name="purpose" label={<>{t('借款用途（R-L3）', 'Purpose (R-L3)')}</>} required {...status('purpose')}>
          <Radio.Group options={Object.entries(LOAN_PURPOSES).map(([k, p]) => ({ value: k, label: p[lang] }))} />
        </Form.Item>
        <Form.Item name="purposeDetails" label={t('用途说明', 'Details')} required {...status('purposeDetails')}>
          <Input.TextArea id="purposeDetails" rows={2} />
        </Form.Item>
        <Form.Item name="repaymentSource" label={t('还款来源（R-L5）', 'Repayment source (R-L5)')} required {...status('repaymentSource')}>
          <Input id="repaymentSource" />
        </Form.Item>
        <Form.Item name="termMonths" label={t('借款期限（月，R-L4 不超过12个月）', 'Term in months (R-L4: at most 12)')} required {...status('termMonths')}>
          <InputNumber id="termMonths" min={1} max={600} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="fundsNewSpending" label={t('是否用于新增支出需求（R-L9）', 'For a new spending need? (R-L9)')} {...status('fundsNewSpending')}>
          <Radio.Group options={[{ value: false, label: t('否', 'No') }, { value: true, label: t('是', 'Yes') }]} />
        </Form.Item>
        <Form.Item name="noOnLendingDeclared" valuePropName="checked" {...status('noOnLendingDeclared')}>
          <Checkbox id="noOnLending">{t('本单位声明：借款资金不转借企业（R-L2）', 'We declare nothing is re-lent to an enterprise (R-L2)')}</Checkbox>
        </Form.Item>
        <ErrorAlert error={sending.error} />
        <Button type="primary" onClick={submit} loading={sending.busy} style={{ marginTop: 12 }} data-testid="submit-loan">{revise ? t('重新提交', 'Resubmit') : t('提交借款申请', 'Submit application')}</Button>
      </Form>
    </Card>
  );
}
