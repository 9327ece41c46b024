import { useEffect, useState } from 'react';
import { App, Checkbox, Form, Grid, Input, Modal, Radio, Descriptions, Select } from 'antd';
import type { ButtonProps } from 'antd';
import { DECISION_ACTIONS, MEETING_KINDS, DecisionAction } from '../../../domain/budget-chain';
import { api, ApiError, DecisionContext, Task } from '../api';
import { OnBehalfBadge } from './OnBehalfBadge';
import { useSubmission } from '../form-state';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { yuan } from '../format';
import { ErrorAlert, FlagBadges } from './RuleTags';
import { DecisionFigures } from './DecisionFigures';

const NEEDS_REASON = ['reject', 'return', 'object'];

/**
 * Deciding a task in place, with the fields its step needs (reason, meeting and reference, resolution
 * reference) and the money it moves (DecisionFigures). On a phone it is a full-width sheet from the
 * bottom whose buttons stay on screen. 否决 asks once more, naming the amount and what follows.
 */
export function DecisionModal({ task, action: initial, onClose, onDone }: {
  task: Task | null; action?: string; onClose: () => void; onDone: () => void;
}) {
  const { t, l, lang } = useT();
  const { message, modal } = App.useApp();
  const phone = !Grid.useBreakpoint().md;
  const [context, setContext] = useState<DecisionContext | null>(null);
  const { user } = useAuth();
  const [copyListOpen, setCopyListOpen] = useState(false);
  const [colleagues, setColleagues] = useState<{ id: string; displayName: string }[]>([]);
  useEffect(() => { api.get<{ items: { id: string; displayName: string }[] }>('/users').then((r) => setColleagues(r.items), () => setColleagues([])); }, []);
  const [form] = Form.useForm();
  // A double click or a retry decides once; after a refusal the corrected form is a new request.
  const sending = useSubmission();
  const action = Form.useWatch('action', form) as string | undefined;

  useEffect(() => {
    if (!task) return;
    sending.restart();
    form.resetFields();
    form.setFieldsValue({ action: initial ?? task.actions[0], meetingKind: 'executive' });
    setContext(null);
    api.get<DecisionContext>(`/tasks/${task.id}/context`).then(setContext).catch(() => setContext(null));
  }, [task, initial, form]);

  if (!task) return null;
  const waitingForOpinions = sending.error instanceof ApiError && sending.error.code === 'consultation_pending' || Boolean(form.getFieldValue('proceedAnyway'));
  const submit = async () => {
    const v = await form.validateFields();
    const { copyTo, ...fields } = v as Record<string, unknown> & { copyTo?: string[] };
    const body = {
      ...Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== undefined && x !== '')),
      // 抄送 with the decision: those named read the request and get an e-mail, never a task
      ...(copyTo?.length ? { copy: { userIds: copyTo } } : {}),
    };
    if (v.action === 'reject' && !(await confirmReject())) return;
    if (!(await sending.submit((key) => api.post(`/tasks/${task.id}/decision`, body, key).then(() => true)))) return;
    message.success(t('已办理', 'Decision recorded'));
    onDone();
  };
  const r = task.request;
  const loan = task.loan;
  const amount = yuan(r?.amount ?? loan?.amount);
  /** 否决 ends the request or loan for good: say so with the amount before sending. */
  const confirmReject = () => modal.confirm({
    title: t(`确认否决 ${r?.number ?? loan?.number}？`, `Reject ${r?.number ?? loan?.number}?`),
    content: <div data-testid="confirm-reject">{r
      ? t(`否决后，${r.unit?.name ?? ''}申请的 ${amount} 追加预算即告终止，预留的财力释放，不能撤销；单位须重新申请。`, `Rejecting ends the request for ${amount} for good and releases what it holds; it cannot be undone.`)
      : t(`否决后，${loan?.unit?.name ?? ''}的 ${amount} 借款申请即告终止，不能撤销。`, `Rejecting ends the loan application for ${amount}; it cannot be undone.`)}</div>,
    okText: t('确认否决', 'Reject'), okButtonProps: { danger: true, 'data-testid': 'confirm-ok' } as ButtonProps, cancelText: t('返回', 'Back'),
  });
  return (
    <Modal open title={`${t('办理：', 'Decide: ')}${r?.number ?? loan?.number ?? task.policy?.number ?? task.changeOfUse?.number ?? ''} · ${l(task.stepLabel)}`} onCancel={onClose} onOk={submit}
      okText={t('确认提交', 'Submit')} cancelText={t('取消', 'Cancel')} confirmLoading={sending.busy} destroyOnHidden
      width={phone ? '100%' : 640} className={phone ? 'decision-sheet' : undefined} data-testid="decision-dialog"
      okButtonProps={{ danger: action === 'reject' || action === 'object', 'data-testid': 'decision-submit' } as ButtonProps}>
      {r && (
        <Descriptions size="small" column={phone ? 1 : 2} style={{ marginBottom: 16 }} items={[
          { key: 'u', label: t('单位', 'Unit'), children: r.unit?.name },
          { key: 'a', label: t('金额', 'Amount'), children: yuan(r.amount) },
          { key: 'p', label: t('用途', 'Purpose'), children: r.purpose, span: 2 },
          { key: 'c', label: t('类别', 'Category'), children: <>{l(r.categoryLabel)} <FlagBadges flags={r.flags} /></>, span: 2 },
          ...(r.justification ? [{ key: 'j', label: t('理由', 'Justification'), children: r.justification, span: 2 }] : []),
        ]} />
      )}
      {loan && (
        <Descriptions size="small" column={phone ? 1 : 2} style={{ marginBottom: 16 }} items={[
          { key: 'u', label: t('借款单位', 'Borrower'), children: loan.unit?.name },
          { key: 'a', label: t('金额', 'Amount'), children: yuan(loan.amount) },
          { key: 'p', label: t('用途', 'Purpose'), children: `${l(loan.purposeLabel) || loan.purpose}：${loan.purposeDetails}`, span: 2 },
          { key: 's', label: t('还款来源', 'Repayment source'), children: loan.repaymentSource, span: 2 },
        ]} />
      )}
      {task.onBehalfOf && <div style={{ marginBottom: 12 }}><OnBehalfBadge name={task.onBehalfOf.name} /></div>}
      <DecisionFigures context={context} step={task.step} />
      <Form form={form} layout="vertical">
        <Form.Item name="action" label={t('决定', 'Decision')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={task.actions.map((a) => ({
            value: a, label: DECISION_ACTIONS[a as DecisionAction]?.[lang] ?? a,
          }))} />
        </Form.Item>
        {task.step === 'executive_meeting' && (
          <>
            <Form.Item name="meetingKind" label={t('会议类型', 'Meeting')} rules={[{ required: true }]}>
              {/* R-L6, R-B9, R-B10: loans, policies and changes of use are decided by the executive meeting only. */}
              <Radio.Group options={Object.entries(MEETING_KINDS).filter(([k]) => !!r || k === 'executive').map(([k, m]) => ({ value: k, label: m[lang] }))} />
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
        {/* R-B9: the policy's filing with the higher-level government, recorded by its reference */}
        {task.step === 'higher_level_filing' && action === 'approve' && (
          <Form.Item name="resolutionReference" label={t('上级政府备案文号', 'Filing reference')}
            rules={[{ required: true, min: 2, message: t('请填写备案文号', 'Enter the filing reference') }]}>
            <Input placeholder={t('如：州政备〔2026〕12号', 'e.g. Prefecture filing [2026] No. 12')} data-testid="resolutionReference" />
          </Form.Item>
        )}
        <Form.Item name="comment" label={action && NEEDS_REASON.includes(action) ? t('理由（必填）', 'Reason (required)') : t('意见（选填）', 'Comment (optional)')}
          rules={[{ required: Boolean(action && NEEDS_REASON.includes(action)), whitespace: true, message: t('否决、退回或提出异议须填写理由', 'A reason is required') }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="comment" />
        </Form.Item>
        <Form.Item name="copyTo" label={t('抄送（选填，仅供知悉）', 'Copy to (optional, for information)')}>
          {/* the list closes after each pick, so on a phone it never stays over the form's buttons */}
          <Select mode="multiple" allowClear showSearch optionFilterProp="label" data-testid="copy-to" maxCount={20}
            open={copyListOpen} onOpenChange={setCopyListOpen} onSelect={() => setCopyListOpen(false)}
            options={colleagues.filter((u) => u.id !== user?.id).map((u) => ({ value: u.id, label: u.displayName }))} />
        </Form.Item>
        {/* The step waits for the opinions asked (征求意见); deciding before they come is a choice the decision records. */}
        {waitingForOpinions && (
          <Form.Item name="proceedAnyway" valuePropName="checked">
            <Checkbox data-testid="proceed-anyway">{t('不等答复，继续办理（将记录在案）', 'Decide without waiting for the answers (recorded)')}</Checkbox>
          </Form.Item>
        )}
      </Form>
      <ErrorAlert error={sending.error} />
    </Modal>
  );
}
