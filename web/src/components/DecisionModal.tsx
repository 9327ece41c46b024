import { useEffect } from 'react';
import { App, Form, Input, Modal, Radio, Descriptions } from 'antd';
import type { ButtonProps } from 'antd';
import { DECISION_ACTIONS, MEETING_KINDS, DecisionAction } from '../../../domain/budget-chain';
import { api, Task } from '../api';
import { useSubmission } from '../form-state';
import { useT } from '../i18n';
import { yuan } from '../format';
import { ErrorAlert, FlagBadges } from './RuleTags';

const NEEDS_REASON = ['reject', 'return', 'object'];

/** Deciding a task in place, with the fields its step needs (reason, meeting and reference, resolution reference). */
export function DecisionModal({ task, action: initial, onClose, onDone }: {
  task: Task | null; action?: string; onClose: () => void; onDone: () => void;
}) {
  const { t, l, lang } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  // A double click or a retry decides once; after a refusal the corrected form is a new request.
  const sending = useSubmission();
  const action = Form.useWatch('action', form) as string | undefined;

  useEffect(() => {
    if (!task) return;
    sending.restart();
    form.resetFields();
    form.setFieldsValue({ action: initial ?? task.actions[0], meetingKind: 'executive' });
  }, [task, initial, form]);

  if (!task) return null;
  const submit = async () => {
    const v = await form.validateFields();
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
    if (!(await sending.submit((key) => api.post(`/tasks/${task.id}/decision`, body, key).then(() => true)))) return;
    message.success(t('已办理', 'Decision recorded'));
    onDone();
  };
  const r = task.request;
  const loan = task.loan;
  return (
    <Modal open title={`${t('办理：', 'Decide: ')}${r?.number ?? loan?.number ?? ''} · ${l(task.stepLabel)}`} onCancel={onClose} onOk={submit}
      okText={t('确认提交', 'Submit')} cancelText={t('取消', 'Cancel')} confirmLoading={sending.busy} destroyOnHidden width={620}
      okButtonProps={{ danger: action === 'reject' || action === 'object', 'data-testid': 'decision-submit' } as ButtonProps}>
      {r && (
        <Descriptions size="small" column={2} style={{ marginBottom: 16 }} items={[
          { key: 'u', label: t('单位', 'Unit'), children: r.unit?.name },
          { key: 'a', label: t('金额', 'Amount'), children: yuan(r.amount) },
          { key: 'p', label: t('用途', 'Purpose'), children: r.purpose, span: 2 },
          { key: 'c', label: t('类别', 'Category'), children: <>{l(r.categoryLabel)} <FlagBadges flags={r.flags} /></>, span: 2 },
          ...(r.justification ? [{ key: 'j', label: t('理由', 'Justification'), children: r.justification, span: 2 }] : []),
        ]} />
      )}
      {loan && (
        <Descriptions size="small" column={2} style={{ marginBottom: 16 }} items={[
          { key: 'u', label: t('借款单位', 'Borrower'), children: loan.unit?.name },
          { key: 'a', label: t('金额', 'Amount'), children: yuan(loan.amount) },
          { key: 'p', label: t('用途', 'Purpose'), children: `${l(loan.purposeLabel) || loan.purpose}：${loan.purposeDetails}`, span: 2 },
          { key: 's', label: t('还款来源', 'Repayment source'), children: loan.repaymentSource, span: 2 },
        ]} />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="action" label={t('决定', 'Decision')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={task.actions.map((a) => ({
            value: a, label: DECISION_ACTIONS[a as DecisionAction]?.[lang] ?? a,
          }))} />
        </Form.Item>
        {task.step === 'executive_meeting' && (
          <>
            <Form.Item name="meetingKind" label={t('会议类型', 'Meeting')} rules={[{ required: true }]}>
              {/* R-L6: a loan is approved by the executive meeting only. */}
              <Radio.Group options={Object.entries(MEETING_KINDS).filter(([k]) => !loan || k === 'executive').map(([k, m]) => ({ value: k, label: m[lang] }))} />
            </Form.Item>
            <Form.Item name="meetingReference" label={t('会议文号', 'Meeting reference')}
              rules={[{ required: true, min: 2, message: t('请填写会议文号，如“县政府第12次常务会议”', 'Enter the meeting reference') }]}>
              <Input placeholder={t('如：县政府第12次常务会议', 'e.g. 12th executive meeting')} data-testid="meetingReference" />
            </Form.Item>
          </>
        )}
        {task.step === 'npc_approval' && action === 'approve' && (
          <Form.Item name="resolutionReference" label={t('人大常委会批复文号', 'Resolution reference')}
            rules={[{ required: true, min: 2, message: t('请填写批复文号', 'Enter the resolution reference') }]}>
            <Input placeholder={t('如：县人大常委会〔2026〕8号批复', 'e.g. NPC SC [2026] No. 8')} data-testid="resolutionReference" />
          </Form.Item>
        )}
        <Form.Item name="comment" label={action && NEEDS_REASON.includes(action) ? t('理由（必填）', 'Reason (required)') : t('意见（选填）', 'Comment (optional)')}
          rules={[{ required: Boolean(action && NEEDS_REASON.includes(action)), whitespace: true, message: t('否决、退回或提出异议须填写理由', 'A reason is required') }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="comment" />
        </Form.Item>
      </Form>
      <ErrorAlert error={sending.error} />
    </Modal>
  );
}
