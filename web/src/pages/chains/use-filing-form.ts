import { Form } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { useT } from '../../i18n';
import { useFieldErrors, useSubmission } from '../../form-state';

/**
 * A filing form: checked as typed with `validate` (the API's own schema and rules), posted once per
 * Idempotency-Key to `apiPath`, then on to the filed subject's page.
 */
export function useFilingForm<V extends object, A>(o: {
  validate: (v: V, lang: 'zh' | 'en') => Record<string, string>;
  body: (v: V) => unknown;
  apiPath: string;
  pageOf: (answer: A) => string;
}) {
  const { lang } = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm<V>();
  const checks = useFieldErrors((v: V) => o.validate(v, lang), () => form.getFieldsValue(true));
  const sending = useSubmission();
  const submit = async () => {
    if (!checks.passes()) return;
    const answer = await sending.submit((key) => api.post<A>(o.apiPath, o.body(form.getFieldsValue(true)), key));
    if (answer) navigate(o.pageOf(answer));
  };
  return { form, checks, sending, submit };
}
