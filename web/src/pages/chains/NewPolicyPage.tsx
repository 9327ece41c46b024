import { Button, Card, Form, Input, Result, Typography } from 'antd';
import { ZPolicyFiling } from '../../../../domain/policy';
import { RULES } from '../../../../domain/rules';
import { fiscalYearAt } from '../../../../domain/china-calendar';
import type { Policy } from '../../chains-api';
import { useAuth } from '../../auth';
import { useT } from '../../i18n';
import { useFilingForm } from './use-filing-form';
import { zodMessage } from '../../zod-zh';
import { ErrorAlert } from '../../components/RuleTags';
import { AmountInput } from '../../components/AmountInput';

interface Values { title?: string; summary?: string; yearlyCost?: string; scope?: string }
const body = (v: Values) => ({ title: v.title ?? '', summary: v.summary ?? '', yearlyCost: v.yearlyCost?.trim(), scope: v.scope ?? '' });

/** Field → message from the API's own schema, as the clerk types. */
function validate(v: Values, lang: 'zh' | 'en'): Record<string, string> {
  const parsed = ZPolicyFiling.safeParse(body(v));
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0] ?? 'form')] ??= zodMessage(i, lang);
  return errors;
}

/** The drafting unit files a major spending-increase policy with its yearly cost (R-B9). */
export function NewPolicyPage() {
  const { t } = useT();
  const { has, user } = useAuth();
  const { form, checks, sending, submit } = useFilingForm<Values, { policy: Policy }>({ validate, body, apiPath: '/policies', pageOf: (r) => `/policies/${r.policy.id}` });
  if (!has('dept_clerk')) return <Result status="403" title={t('只有预算单位经办人可以报送政策', 'Only a department clerk can file a policy')} />;
  const { help: status } = checks;
  return (
    <Card title={[t('报送重大增支政策', 'File a major spending-increase policy'), user?.unit?.name].filter(Boolean).join(' · ')}>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 720 }}>
        R-B9「{RULES['R-B9'].zh}」{t('报送后依次经财政局财政可承受能力评估、县政府常务会议、报上级政府备案，备案后方可执行。',
          ' After filing: the finance bureau’s affordability assessment, the executive meeting, and the filing with the higher-level government; only then may it be implemented.')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" style={{ maxWidth: 720 }} onValuesChange={(c) => checks.changed(Object.keys(c))}>
        <Form.Item label={t('预算年度（按提交日期北京时间确定）', 'Fiscal year (the China date of filing)')}>
          <span data-testid="policy-fiscal-year">{fiscalYearAt(Date.now())}</span>
        </Form.Item>
        <Form.Item name="title" label={t('政策名称', 'Title')} required {...status('title')}>
          <Input id="policyTitle" maxLength={200} />
        </Form.Item>
        <Form.Item name="yearlyCost" label={t('每年所需经费（元，由县级财政承担）', 'Yearly cost (yuan, borne by the county)')} required {...status('yearlyCost')}>
          <AmountInput id="yearlyCost" placeholder="3,600,000.00" />
        </Form.Item>
        <Form.Item name="summary" label={t('政策内容', 'What the policy does')} required {...status('summary')}>
          <Input.TextArea id="policySummary" rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="scope" label={t('实施范围与起始时间（选填）', 'Scope and start (optional)')} {...status('scope')}>
          <Input id="policyScope" maxLength={1000} />
        </Form.Item>
        <ErrorAlert error={sending.error} />
        <Button type="primary" onClick={submit} loading={sending.busy} style={{ marginTop: 12 }} data-testid="submit-policy">{t('提交', 'Submit')}</Button>
      </Form>
    </Card>
  );
}
