import { App, Button, Form, Input, Space, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { ZFiscalYearChange, ZFiscalYearFigures } from '../../../domain/budget';
import { advancesPosition } from '../../../domain/loan';
import { addYuan, ZYuan } from '../../../domain/money';
import { api, FiscalYear, FiscalYearSaved } from '../api';
import { useT } from '../i18n';
import { yuan } from '../format';
import { AmountInput } from './AmountInput';
import { zodMessage } from '../zod-zh';
import { ErrorAlert, RuleTag } from './RuleTags';
import { useFieldErrors, useSubmission } from '../form-state';

interface Values { year?: string; generalBudgetExpenditure?: string; fundBudgetExpenditure?: string; availableResources?: string; reason?: string; documentReference?: string }
const FIELDS = ['generalBudgetExpenditure', 'fundBudgetExpenditure', 'availableResources'] as const;

const figuresOf = (v: Values) => Object.fromEntries(FIELDS.map((f) => [f, v[f]?.trim().replace(/,/g, '') || undefined])) as Record<(typeof FIELDS)[number], string | undefined>;
/** The PUT body: the figures, and for a recorded year why and on which document. */
const body = (v: Values) => ({ ...figuresOf(v), reason: v.reason?.trim() || undefined, documentReference: v.documentReference?.trim() || undefined });

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
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= zodMessage(i, lang);
  }
  if (!adding) {
    const change = ZFiscalYearChange.safeParse({ reason: v.reason ?? '', documentReference: v.documentReference ?? '' });
    if (!change.success) for (const i of change.error.issues) errors[String(i.path[0])] ??= lang === 'zh' ? (String(i.path[0]) === 'reason' ? '请填写变更原因（至少2个字）' : '请填写依据文号（至少2个字）') : i.message;
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
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) ?? {};
  const adding = existing ? null : years;
  const checks = useFieldErrors((v: Values) => validate(v, adding, lang), () => form.getFieldsValue(true));
  const sending = useSubmission();
  const help = checks.help;
  const yuanInput = (f: (typeof FIELDS)[number]) => <AmountInput id={f} placeholder="1,234.50" style={{ maxWidth: 280 }} />;
  const LABELS: Record<(typeof FIELDS)[number], string> = {
    generalBudgetExpenditure: t('一般公共预算支出', 'General public budget expenditure'), fundBudgetExpenditure: t('政府性基金预算支出', 'Government fund budget expenditure'),
    availableResources: t('可用财力', 'Available resources'),
  };

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
    if (existing && !(await confirmChange(v))) return;
    // PUT sets the year's figures outright: repeating it changes nothing, so it needs no key.
    const answer = await sending.submit(() => api.put<FiscalYearSaved>(`/fiscal-years/${existing?.year ?? Number(v.year)}`, body(v)));
    if (answer) onSaved(answer);
  };

  /** A year's figures steer every later approval: the director sees old → new and what follows before saving. */
  const confirmChange = (v: Values) => {
    const typedNow = body(v);
    const moved = FIELDS.filter((f) => typedNow[f] !== existing![f]);
    return modal.confirm({
      title: t(`确认修改 ${existing!.year} 年度财政数据？`, `Change the figures of ${existing!.year}?`), width: 520,
      content: (
        <div data-testid="confirm-fiscal-year">
          <ul style={{ paddingLeft: 18 }}>{(moved.length ? moved : FIELDS).map((f) => (
            <li key={f}>{LABELS[f]}：{yuan(existing![f])} → <b>{yuan(typedNow[f])}</b></li>
          ))}</ul>
          <p>{t('保存后，此后的追加预算（R-B3）和借款（R-L8）均按新数据审核；原数据、变更原因和依据文号记入审计记录。',
            'Later budget (R-B3) and loan (R-L8) decisions are checked against the new figures; the old ones, the reason and the document are kept in the audit trail.')}</p>
          <p>{t('变更原因：', 'Reason: ')}{v.reason}<br />{t('依据文号：', 'Document: ')}{v.documentReference}</p>
        </div>
      ),
      okText: t('确认修改', 'Change'), okButtonProps: { 'data-testid': 'confirm-ok' } as ButtonProps, cancelText: t('返回', 'Back'),
    });
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
      {existing && (
        <Space wrap size="large" align="start">
          <Form.Item name="reason" label={t('变更原因', 'Reason for the change')} required {...help('reason')}>
            <Input id="fyReason" maxLength={1000} style={{ width: 320, maxWidth: '100%' }} placeholder={t('如：县人大批准预算调整方案', 'e.g. budget adjustment approved by the NPC')} />
          </Form.Item>
          <Form.Item name="documentReference" label={t('依据文号', 'Document reference')} required {...help('documentReference')}>
            <Input id="fyDocument" maxLength={200} style={{ width: 240, maxWidth: '100%' }} placeholder={t('如：东财预〔2026〕18号', 'e.g. DF [2026] No. 18')} />
          </Form.Item>
        </Space>
      )}
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
