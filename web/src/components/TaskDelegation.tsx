import { useEffect, useState } from 'react';
import { App, Form, Grid, Input, Modal, Select } from 'antd';
import type { ButtonProps } from 'antd';
import { api, Task } from '../api';
import { useSubmission } from '../form-state';
import { useT } from '../i18n';
import { ErrorAlert } from './RuleTags';

interface Person { id: string; displayName: string }

/** What an approver can do with a task besides deciding it: hand it over (转交) or ask opinions first (征求意见). */
export type TaskErrand = 'hand_over' | 'consult';

/**
 * 转交: pick a colleague holding the step's role (the server lists them, and refuses anyone else
 * citing the step's rule); 征求意见: pick whom to ask and what. On a phone both are full-width sheets.
 */
export function TaskDelegationModal({ task, errand, onClose, onDone }: { task: Task | null; errand: TaskErrand | null; onClose: () => void; onDone: () => void }) {
  const { t } = useT();
  const { message } = App.useApp();
  const phone = !Grid.useBreakpoint().md;
  const [people, setPeople] = useState<Person[] | null>(null);
  const [form] = Form.useForm();
  const sending = useSubmission();

  useEffect(() => {
    if (!task || !errand) return;
    sending.restart();
    form.resetFields();
    setPeople(null);
    api.get<{ items: Person[] }>(errand === 'hand_over' ? `/tasks/${task.id}/hand-over-candidates` : '/users')
      .then((r) => setPeople(r.items)).catch(() => setPeople([]));
  }, [task, errand, form]);

  if (!task || !errand) return null;
  const handOver = errand === 'hand_over';
  const submit = async () => {
    const v = await form.validateFields();
    const path = handOver ? `/tasks/${task.id}/hand-over` : `/tasks/${task.id}/consultations`;
    const body = handOver ? { toUserId: v.toUserId, ...(v.reason ? { reason: v.reason } : {}) } : { consulteeIds: v.consulteeIds, question: v.question };
    if (!(await sending.submit((key) => api.post(path, body, key).then(() => true)))) return;
    message.success(handOver ? t('已转交', 'Handed over') : t('已征求意见，答复前您的决定将等待', 'Opinions asked; your decision waits for the answers'));
    onDone();
  };
  const options = (people ?? []).map((p) => ({ value: p.id, label: p.displayName }));
  return (
    <Modal open title={handOver ? t('转交待办', 'Hand the task over') : t('征求意见（加签）', 'Ask opinions first')} onCancel={onClose} onOk={submit}
      okText={t('确认提交', 'Submit')} cancelText={t('取消', 'Cancel')} confirmLoading={sending.busy} destroyOnHidden
      width={phone ? '100%' : 560} className={phone ? 'decision-sheet' : undefined} data-testid={handOver ? 'hand-over-dialog' : 'consult-dialog'}
      okButtonProps={{ 'data-testid': handOver ? 'hand-over-submit' : 'consult-submit' } as ButtonProps}>
      <Form form={form} layout="vertical">
        {handOver ? (
          <>
            <Form.Item name="toUserId" label={t('转交给（须具备本环节角色）', 'Hand to (someone holding this step’s role)')} rules={[{ required: true, message: t('请选择接收人', 'Choose who receives it') }]}>
              <Select options={options} loading={!people} showSearch optionFilterProp="label" data-testid="hand-over-to" />
            </Form.Item>
            <Form.Item name="reason" label={t('说明（选填）', 'Note (optional)')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="consulteeIds" label={t('征求谁的意见', 'Whom to ask')} rules={[{ required: true, message: t('请至少选择一人', 'Choose at least one person') }]}>
              <Select mode="multiple" options={options} loading={!people} showSearch optionFilterProp="label" data-testid="consult-who" />
            </Form.Item>
            <Form.Item name="question" label={t('征求意见的事项', 'What you ask about')} rules={[{ required: true, whitespace: true, message: t('请写明事项', 'Say what you ask about') }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="consult-question" />
            </Form.Item>
          </>
        )}
      </Form>
      <ErrorAlert error={sending.error} />
    </Modal>
  );
}
