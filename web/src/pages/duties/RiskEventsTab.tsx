import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { Link } from 'react-router-dom';
import { BUREAU_STAFF, KEY_UNIT_FLAG, RISK_KINDS } from '../../../../domain/duties';
import { ZDutyNote, ZRecordRiskEvent } from '../../../../domain/duty-entries';
import { chinaDateTime } from '../../../../domain/china-calendar';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useT } from '../../i18n';
import { dateTime } from '../../format';
import { ErrorAlert, FlagBadges, RuleTag } from '../../components/RuleTags';
import type { RiskEvent, RiskEventDetail } from '../../duties-api';
import { DueTag } from './DueTag';
import { schemaErrors, useEntryForm } from './entry-form';
import { EntryTab } from './EntryTab';

const AT_PATTERN = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/;
/** 'YYYY-MM-DD HH:mm' typed in China time → an ISO instant with its offset, as the API takes it. */
const chinaInstant = (typed: string | undefined) => {
  const m = AT_PATTERN.exec(typed?.trim() ?? '');
  return m ? `${m[1]}T${m[2]}:${m[3]}:00+08:00` : typed?.trim() ?? '';
};

interface EventValues { kind?: string; occurredAt?: string; description?: string; unitIds?: string[] }
const eventBody = (v: EventValues) => ({ kind: v.kind ?? '', occurredAt: chinaInstant(v.occurredAt), description: v.description ?? '', unitIds: v.unitIds ?? [] });

/** 登记风险事件: anyone in the bureau records a 保运转 risk event (R-M4); its report is then due within the configured hours. */
function RiskEventForm({ onDone }: { onDone: (e: RiskEvent) => void }) {
  const { t, l, lang } = useT();
  const { message } = App.useApp();
  const [units, setUnits] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => { api.get<{ items: { id: string; name: string }[] }>('/units').then((r) => setUnits(r.items)).catch(() => undefined); }, []);
  const { form, help, onValuesChange, sending, submit } = useEntryForm((v: EventValues) => {
    const errors = schemaErrors(ZRecordRiskEvent, eventBody(v), lang);
    if (errors.occurredAt) errors.occurredAt = t('请按 YYYY-MM-DD HH:mm（北京时间）填写', 'As YYYY-MM-DD HH:mm (China time)');
    else if (Date.parse(eventBody(v).occurredAt) > Date.now() + 60_000) errors.occurredAt = t('发生时间不能晚于现在', 'Cannot be in the future');
    return errors;
  }, (v, key) => api.post<RiskEventDetail>('/risk-events', eventBody(v), key), ({ event }) => {
    message.success(t(`已登记 ${event.number}，应于 ${dateTime(event.reportDueAt)} 前上报`, `Recorded; report it by ${dateTime(event.reportDueAt)}`));
    onDone(event);
  });
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 640 }} data-testid="risk-event-form" initialValues={{ occurredAt: chinaDateTime(Date.now()), unitIds: [] }}
      onValuesChange={onValuesChange}>
      <Form.Item name="kind" label={<Space size={4}>{t('事件类型', 'Kind')}<RuleTag id="R-M4" /></Space>} required {...help('kind')}>
        <Select id="riskKind" style={{ maxWidth: 240 }} data-testid="risk-kind" options={Object.entries(RISK_KINDS).map(([value, k]) => ({ value, label: l(k) }))} />
      </Form.Item>
      <Form.Item name="occurredAt" label={t('发生时间（北京时间）', 'When it happened (China time)')} required {...help('occurredAt')}>
        <Input id="riskOccurredAt" placeholder="YYYY-MM-DD HH:mm" style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="unitIds" label={t('涉及单位', 'Units affected')} {...help('unitIds')}>
        <Select id="riskUnits" mode="multiple" showSearch optionFilterProp="label" data-testid="risk-units" options={units.map((u) => ({ value: u.id, label: u.name }))} />
      </Form.Item>
      <Form.Item name="description" label={t('事件情况', 'What happened')} required {...help('description')}>
        <Input.TextArea id="riskDescription" rows={3} maxLength={4000} />
      </Form.Item>
      <ErrorAlert error={sending.error} />
      <Button type="primary" danger onClick={submit} loading={sending.busy} style={{ marginTop: 12 }} data-testid="risk-event-submit">{t('登记风险事件', 'Record the event')}</Button>
    </Form>
  );
}

/** One note sent to an event's action (report, handling step, closure): the text, then the button. */
function NoteForm({ action, label, placeholder, onDone }: { action: string; label: string; placeholder: string; onDone: (d: RiskEventDetail) => void }) {
  const { lang } = useT();
  const { form, help, onValuesChange, sending, submit } = useEntryForm((v: { note?: string }) => schemaErrors(ZDutyNote, { note: v.note ?? '' }, lang),
    (v, key) => api.post<RiskEventDetail>(action, { note: v.note ?? '' }, key), onDone);
  const name = action.split('/').pop()!;
  return (
    <Form form={form} layout="vertical" data-testid={`risk-${name}-form`} onValuesChange={onValuesChange}>
      <Form.Item name="note" label={label} required {...help('note')}>
        <Input.TextArea id={`risk-${name}-note`} rows={2} maxLength={4000} placeholder={placeholder} />
      </Form.Item>
      <ErrorAlert error={sending.error} />
      <Button onClick={submit} loading={sending.busy} data-testid={`risk-${name}-submit`}>{label}</Button>
    </Form>
  );
}

/** One event: what happened, its report, the handling steps, closure; a payment risk offers R-M3 to the director. */
function RiskEventCard({ id, onChange }: { id: string; onChange: () => void }) {
  const { t, l } = useT();
  const { has } = useAuth();
  const { message, modal } = App.useApp();
  const [detail, setDetail] = useState<RiskEventDetail | null>(null);
  const [suspending, setSuspending] = useState(false);
  const load = useCallback(() => { api.get<RiskEventDetail>(`/risk-events/${id}`).then(setDetail).catch(() => setDetail(null)); }, [id]);
  useEffect(load, [load]);
  if (!detail) return null;
  const e = detail.event;
  const staff = has(...BUREAU_STAFF);
  const changed = (d: RiskEventDetail) => { setDetail(d); onChange(); };

  /** R-M3 stops every disbursement in the county: the director sees what it does before it happens. */
  const suspend = async () => {
    const ok = await modal.confirm({
      title: t('确认暂停支付（R-M3）？', 'Suspend disbursements (R-M3)?'),
      content: (
        <div data-testid="confirm-suspend">
          {t(`因风险事件 ${e.number} 暂停全县借款放款。暂停期间的放款将排队，须由局长恢复支付后才会发放。`,
            `Every loan disbursement in the county stops because of event ${e.number}; disbursements queue until the director resumes them.`)}
        </div>
      ),
      okText: t('确认暂停', 'Suspend'), okButtonProps: { danger: true, 'data-testid': 'confirm-ok' } as ButtonProps, cancelText: t('返回', 'Back'),
    });
    if (!ok) return;
    setSuspending(true);
    try {
      changed(await api.post<RiskEventDetail>(`/risk-events/${e.id}/suspend-payments`, {}));
      message.success(t('已暂停支付（R-M3）', 'Disbursements suspended (R-M3)'));
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setSuspending(false);
    }
  };

  return (
    <Card size="small" data-testid="risk-event-card" title={<Space wrap>{e.number}<Tag>{l(e.kindLabel)}</Tag><FlagBadges flags={e.keyUnit ? [KEY_UNIT_FLAG] : []} /></Space>}>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
        { key: 'at', label: t('发生时间', 'Happened'), children: dateTime(e.occurredAt) },
        { key: 'u', label: t('涉及单位', 'Units'), children: e.units.map((u) => u.name).join('、') || '—' },
        { key: 'd', label: t('事件情况', 'What happened'), children: e.description, span: 2 },
        { key: 'r', label: t('上报', 'Report'), children: <><DueTag late={e.reportLate} done={Boolean(e.reportedAt)} dueAt={e.reportDueAt} />{e.reportNote}</> },
        { key: 's', label: t('状态', 'Status'), children: e.status === 'closed' ? <Tag>{t('已结案', 'Closed')}</Tag> : <Tag color="blue">{t('处置中', 'Open')}</Tag> },
        ...(e.closingNote ? [{ key: 'c', label: t('结案情况', 'Closure'), children: e.closingNote, span: 2 }] : []),
      ]} />
      {detail.steps.length > 0 && (
        <Timeline style={{ marginTop: 16 }} data-testid="risk-steps" items={detail.steps.map((s) => ({ content: <><Typography.Text type="secondary">{dateTime(s.recordedAt)}</Typography.Text><br />{s.note}</> }))} />
      )}
      <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
        {!e.reportedAt && <NoteForm action={`/risk-events/${e.id}/report`} label={t('上报县委县政府', 'Report to the county')} placeholder={t('如何上报（书面、电话）及主要内容', 'How and what was reported')} onDone={changed} />}
        {e.status === 'open' && staff && <NoteForm action={`/risk-events/${e.id}/steps`} label={t('登记处置措施', 'Record a handling step')} placeholder={t('采取的措施', 'What was done')} onDone={changed} />}
        {e.status === 'open' && e.reportedAt && <NoteForm action={`/risk-events/${e.id}/close`} label={t('结案', 'Close the event')} placeholder={t('风险如何解除', 'How the risk ended')} onDone={changed} />}
        {e.offersSuspension && has('finance_director') && (
          <Button danger onClick={suspend} loading={suspending} data-testid="risk-suspend"><Space size={4}>{t('一键暂停支付', 'Suspend disbursements')}<RuleTag id="R-M3" /></Space></Button>
        )}
      </Space>
    </Card>
  );
}

/** R-M4 保运转风险事件: the events with their report deadlines; the bureau records and handles them here. */
export function RiskEventsTab() {
  const { t, l } = useT();
  return (
    <EntryTab<RiskEvent> ruleId="R-M4" path="/risk-events" addLabel={{ zh: '登记风险事件', en: 'Record a risk event' }} addTestId="risk-event-new"
      form={(done) => <RiskEventForm onDone={done} />} card={(id, changed) => <RiskEventCard id={id} onChange={changed} />}
      list={(items) => (
        <Table rowKey="id" size="small" dataSource={items} pagination={false} scroll={{ x: true }} data-testid="risk-events-table" columns={[
          { title: t('编号', 'No.'), render: (_, e) => <Space size={4} wrap><Link to={`/duties/risk-events/${e.id}`}>{e.number}</Link><FlagBadges flags={e.keyUnit ? [KEY_UNIT_FLAG] : []} /></Space> },
          { title: t('类型', 'Kind'), render: (_, e) => l(e.kindLabel) },
          { title: t('涉及单位', 'Units'), render: (_, e) => e.units.map((u) => u.name).join('、') },
          { title: t('上报', 'Report'), render: (_, e) => <DueTag late={e.reportLate} done={Boolean(e.reportedAt)} dueAt={e.reportDueAt} /> },
          { title: t('状态', 'Status'), render: (_, e) => (e.status === 'closed' ? <Tag>{t('已结案', 'Closed')}</Tag> : <Tag color="blue">{t('处置中', 'Open')}</Tag>) },
        ]} />
      )} />
  );
}
