import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Select, Space } from 'antd';
import type { ButtonProps } from 'antd';
import { yuan } from '../format';
import { checkDueDate, fixDueDate } from '../../../domain/loan';
import { chinaDate, oneYearAfter } from '../../../domain/china-calendar';
import { ZDisbursement } from '../../../domain/loan-treasury';
import { api, Loan } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { useFieldErrors, useSubmission } from '../form-state';
import { ErrorAlert, RuleTag, violationText } from './RuleTags';

interface Values { responsibleOfficerId?: string; dueDate?: string; reference?: string }
export interface DisburseAnswer { outcome: { status: 'disbursed' | 'queued'; dueDate?: string }; loan: Loan }

const body = (v: Values) => ({
  responsibleOfficerId: v.responsibleOfficerId || undefined, dueDate: v.dueDate?.trim() || undefined, reference: v.reference?.trim() || undefined,
});

/** Field → message from the API's own schema and R-L4, as the officer types. */
function validate(v: Values, today: string, lang: 'zh' | 'en'): Record<string, string> {
  const errors: Record<string, string> = {};
  const parsed = ZDisbursement.safeParse(body(v));
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const field = String(i.path[0]);
      errors[field] ??= lang === 'zh' && field === 'dueDate' ? '请按 YYYY-MM-DD 填写有效日期' : i.message;
    }
    return errors;
  }
  if (parsed.data.dueDate) for (const x of checkDueDate(today, parsed.data.dueDate)) errors[x.field ?? 'dueDate'] ??= violationText(x, lang);
  return errors;
}

/**
 * 放款: the treasury disburses an approved loan, naming the responsible lending officer (R-L7) and
 * optionally the due date (R-L4). While disbursements are suspended the API queues it (202, R-M3).
 */
export function DisburseForm({ loan, onDone }: { loan: Loan; onDone: (answer: DisburseAnswer) => void }) {
  const { t, lang } = useT();
  const { user } = useAuth();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [officers, setOfficers] = useState<{ id: string; displayName: string }[]>([]);
  useEffect(() => { api.get<{ items: { id: string; displayName: string }[] }>('/users?role=treasury_officer').then((r) => setOfficers(r.items)); }, []);

  const today = chinaDate(Date.now());
  // What the workflow will fix when no date is given (disbursed today).
  const byApplication = fixDueDate(today, { termMonths: loan.termMonths ?? undefined, requestedDueDate: loan.requestedDueDate ?? undefined });
  const checks = useFieldErrors((v: Values) => validate(v, today, lang), () => form.getFieldsValue(true));
  const sending = useSubmission();
  const help = checks.help;

  /** Money that goes out does not come back by a click: the officer sees amount, borrower, due date and who answers for it. */
  const confirmDisbursement = () => {
    const v = body(form.getFieldsValue(true));
    const officer = officers.find((o) => o.id === v.responsibleOfficerId)?.displayName ?? '';
    return modal.confirm({
      title: t(`确认放款 ${yuan(loan.amount)}？`, `Disburse ${yuan(loan.amount)}?`),
      content: (
        <div data-testid="confirm-disburse">
          {t(`向${loan.unit?.name ?? ''}放款 ${yuan(loan.amount)}（${loan.number}），到期日 ${v.dueDate ?? byApplication}，借出责任人 ${officer}（R-L7）。`,
            `${yuan(loan.amount)} goes to ${loan.unit?.name ?? ''} (${loan.number}), due ${v.dueDate ?? byApplication}, responsible officer ${officer} (R-L7).`)}
          <br />{t('放款后计入暂付款余额（R-L8），不能撤销，只能由借款单位还款冲减。', 'It then counts as outstanding advances (R-L8); it cannot be undone, only repaid.')}
        </div>
      ),
      okText: t('确认放款', 'Disburse'), okButtonProps: { 'data-testid': 'confirm-ok' } as ButtonProps, cancelText: t('返回', 'Back'),
    });
  };

  const submit = async () => {
    if (!checks.passes()) return;
    if (!(await confirmDisbursement())) return;
    const answer = await sending.submit((key) => api.post<DisburseAnswer>(`/loans/${loan.id}/disburse`, body(form.getFieldsValue(true)), key));
    if (!answer) return;
    if (answer.outcome.status === 'queued') {
      message.warning(t('暂停支付期间已排队（R-M3）：恢复支付后自动放款', 'Queued while disbursements are suspended (R-M3): it goes out when they resume'));
    } else {
      message.success(t(`已放款，到期日 ${answer.outcome.dueDate}`, `Disbursed; due ${answer.outcome.dueDate}`));
    }
    onDone(answer);
  };

  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 560 }} data-testid="disburse-form" initialValues={{ responsibleOfficerId: user?.id }}
      onValuesChange={(c) => checks.changed(Object.keys(c))}>
      <Form.Item name="responsibleOfficerId" label={<Space size={4}>{t('借出责任人', 'Responsible lending officer')}<RuleTag id="R-L7" /></Space>}
        extra={t('“谁借出，谁回收”：到期提醒和逾期督办发给此人', 'Receives the loan’s reminders and escalations')} required {...help('responsibleOfficerId')}>
        <Select id="responsibleOfficer" options={officers.map((o) => ({ value: o.id, label: o.displayName }))} loading={!officers.length} />
      </Form.Item>
      <Form.Item name="dueDate" label={<Space size={4}>{t('还款到期日（选填）', 'Due date (optional)')}<RuleTag id="R-L4" /></Space>}
        extra={t(`留空则按申请确定为 ${byApplication}；最迟 ${oneYearAfter(today)}`, `Empty: ${byApplication}, from the application; at the latest ${oneYearAfter(today)}`)} {...help('dueDate')}>
        <Input id="dueDate" placeholder="YYYY-MM-DD" style={{ width: 200 }} allowClear />
      </Form.Item>
      <Form.Item name="reference" label={t('支付凭证号（选填）', 'Payment reference (optional)')} {...help('reference')}>
        <Input id="disburseReference" maxLength={200} placeholder={t('如：国库支付凭证 2026-0815', 'e.g. treasury voucher 2026-0815')} />
      </Form.Item>
      <ErrorAlert error={sending.error} />
      <Button type="primary" onClick={submit} loading={sending.busy} style={{ marginTop: 12 }} data-testid="disburse-submit">{t('放款', 'Disburse')}</Button>
    </Form>
  );
}
