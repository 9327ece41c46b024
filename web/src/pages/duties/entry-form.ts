import { Form } from 'antd';
import type { z } from 'zod';
import { zodMessage } from '../../zod-zh';
import { useFieldErrors, useSubmission } from '../../form-state';

/** Field → message of the API's own schema for what a form holds, in the reader's language (the first issue per field). */
export function schemaErrors(schema: z.ZodType, body: unknown, lang: 'zh' | 'en'): Record<string, string> {
  const errors: Record<string, string> = {};
  const parsed = schema.safeParse(body);
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0] ?? '')] ??= zodMessage(i, lang);
  return errors;
}

/** Trimmed text of a form field, or undefined when left empty (optional fields). */
export const optional = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/**
 * One of the bureau's entry forms: fields checked as typed by `validate`; on submit, every error
 * shown or the values sent once (an Idempotency-Key per submission), then the form emptied and `done`
 * told the answer.
 */
export function useEntryForm<V extends object, A>(validate: (v: V) => Record<string, string>, send: (v: V, idempotencyKey: string) => Promise<A>, done: (answer: A) => void) {
  const [form] = Form.useForm<V>();
  const checks = useFieldErrors(validate, () => form.getFieldsValue(true) as V);
  const sending = useSubmission();
  const submit = async () => {
    if (!checks.passes()) return;
    const answer = await sending.submit((key) => send(form.getFieldsValue(true) as V, key));
    if (answer === undefined) return;
    form.resetFields();
    checks.reset();
    done(answer);
  };
  return { form, help: checks.help, onValuesChange: (changed: object) => checks.changed(Object.keys(changed)), sending, submit };
}
