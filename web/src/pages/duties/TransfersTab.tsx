import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { BUREAU_STAFF, ISSUING_LEVELS } from '../../../../domain/duties';
import { ZAllocateTransfer, ZRecordTransfer } from '../../../../domain/duty-entries';
import { chinaDate } from '../../../../domain/china-calendar';
import { compareYuan } from '../../../../domain/money';
import { RULES } from '../../../../domain/rules';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useT } from '../../i18n';
import { yuan } from '../../format';
import { AmountInput } from '../../components/AmountInput';
import { ErrorAlert, RuleTag } from '../../components/RuleTags';
import type { Transfer, TransferDetail } from '../../duties-api';
import { optional, schemaErrors, useEntryForm } from './entry-form';
import { EntryTab } from './EntryTab';

interface TransferValues { documentNumber?: string; issuingLevel?: string; amount?: string; purpose?: string; receivedOn?: string; onwardDeadline?: string }
const transferBody = (v: TransferValues) => ({
  documentNumber: v.documentNumber ?? '', issuingLevel: v.issuingLevel ?? '', amount: v.amount?.trim() ?? '', purpose: v.purpose ?? '',
  receivedOn: v.receivedOn?.trim() ?? '', onwardDeadline: optional(v.onwardDeadline),
});

/** 登记上级专项资金: the bureau records a transfer received from above (R-B7); its workflow then watches the onward deadline. */
function TransferForm({ onDone }: { onDone: (t: Transfer) => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const today = chinaDate(Date.now());
  const { form, help, onValuesChange, sending, submit } = useEntryForm((v: TransferValues) => {
    const errors = schemaErrors(ZRecordTransfer, transferBody(v), lang);
    const b = transferBody(v);
    if (!errors.receivedOn && b.receivedOn > today) errors.receivedOn = t('收到日期不能晚于今天', 'Cannot be in the future');
    if (!errors.onwardDeadline && b.onwardDeadline && b.onwardDeadline < b.receivedOn) errors.onwardDeadline = t('下达期限不能早于收到日期', 'Cannot be before the date received');
    return errors;
  }, (v, key) => api.post<{ transfer: Transfer }>('/transfers', transferBody(v), key), ({ transfer: x }) => {
    message.success(t(`已登记 ${x.documentNumber}，下达期限 ${x.onwardDeadline}`, `Recorded; pass it on by ${x.onwardDeadline}`));
    onDone(x);
  });
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 640 }} data-testid="transfer-form" initialValues={{ receivedOn: today, issuingLevel: 'provincial' }}
      onValuesChange={onValuesChange}>
      <Form.Item name="documentNumber" label={t('文件号', 'Document number')} required {...help('documentNumber')}>
        <Input id="transferDocument" maxLength={100} placeholder={t('如 甘财教〔2026〕88号', 'e.g. 甘财教〔2026〕88号')} />
      </Form.Item>
      <Form.Item name="issuingLevel" label={t('下达级次', 'Issued by')} required {...help('issuingLevel')}>
        <Select id="transferLevel" style={{ maxWidth: 200 }} data-testid="transfer-level"
          options={Object.entries(ISSUING_LEVELS).map(([value, zh]) => ({ value, label: lang === 'zh' ? zh : { central: 'Central', provincial: 'Province', prefecture: 'Prefecture' }[value] }))} />
      </Form.Item>
      <Form.Item name="amount" label={t('金额（元）', 'Amount (yuan)')} required {...help('amount')}>
        <AmountInput id="transferAmount" placeholder="1,234.50" style={{ maxWidth: 240 }} />
      </Form.Item>
      <Form.Item name="purpose" label={t('用途', 'Purpose')} required {...help('purpose')}>
        <Input.TextArea id="transferPurpose" rows={2} maxLength={500} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="receivedOn" label={t('收到日期', 'Received on')} required {...help('receivedOn')}>
          <Input id="transferReceivedOn" placeholder="YYYY-MM-DD" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="onwardDeadline" label={t('文件规定的下达期限', 'Onward deadline in the document')} {...help('onwardDeadline')}
          extra={t('文件未规定的，按默认天数计算', 'Left empty: the configured number of days')}>
          <Input id="transferDeadline" placeholder="YYYY-MM-DD" style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <ErrorAlert error={sending.error} />
      <Button type="primary" onClick={submit} loading={sending.busy} style={{ marginTop: 12 }} data-testid="transfer-submit">{t('登记', 'Record')}</Button>
    </Form>
  );
}

interface AllocationValues { unitId?: string; amount?: string; reference?: string; allocatedOn?: string }
const allocationBody = (v: AllocationValues) => ({ unitId: v.unitId ?? '', amount: v.amount?.trim() ?? '', reference: v.reference ?? '', allocatedOn: optional(v.allocatedOn) });

/** 登记下达: one onward allocation to a unit; it lowers what is left, never below zero (R-B7). */
function AllocationForm({ transfer, onDone }: { transfer: Transfer; onDone: () => void }) {
  const { t, lang } = useT();
  const { message } = App.useApp();
  const [units, setUnits] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => { api.get<{ items: { id: string; name: string }[] }>('/units').then((r) => setUnits(r.items)).catch(() => undefined); }, []);
  const { form, help, onValuesChange, sending, submit } = useEntryForm((v: AllocationValues) => {
    const errors = schemaErrors(ZAllocateTransfer, allocationBody(v), lang);
    const { amount } = allocationBody(v);
    if (!errors.amount && compareYuan(amount, transfer.left) > 0) {
      errors.amount = `R-B7「${RULES['R-B7'].zh}」：${t(`超过待下达的 ${yuan(transfer.left)}`, `more than the ${yuan(transfer.left)} left`)}`;
    }
    return errors;
  }, (v, key) => api.post<{ left: string }>(`/transfers/${transfer.id}/allocations`, allocationBody(v), key), ({ left }) => {
    message.success(t(`已登记下达，待下达 ${yuan(left)}`, `Recorded; ${yuan(left)} left`));
    onDone();
  });
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 640 }} data-testid="allocation-form" initialValues={{ allocatedOn: chinaDate(Date.now()) }}
      onValuesChange={onValuesChange}>
      <Form.Item name="unitId" label={t('下达单位', 'Unit')} required {...help('unitId')}>
        <Select id="allocationUnit" showSearch optionFilterProp="label" data-testid="allocation-unit" options={units.map((u) => ({ value: u.id, label: u.name }))} />
      </Form.Item>
      <Form.Item name="amount" label={<Space size={4}>{t('下达金额（元）', 'Amount (yuan)')}<RuleTag id="R-B7" /></Space>} required
        extra={t(`待下达 ${yuan(transfer.left)}`, `${yuan(transfer.left)} left`)} {...help('amount')}>
        <AmountInput id="allocationAmount" placeholder="1,234.50" style={{ maxWidth: 240 }} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="reference" label={t('下达文号', 'Allocation reference')} required extra={t('同一文号重复登记不会重复下达', 'The same reference is recorded once')} {...help('reference')}>
          <Input id="allocationReference" maxLength={100} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="allocatedOn" label={t('下达日期', 'Allocated on')} {...help('allocatedOn')}>
          <Input id="allocationDate" placeholder="YYYY-MM-DD" style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <ErrorAlert error={sending.error} />
      <Button type="primary" onClick={submit} loading={sending.busy} style={{ marginTop: 12 }} data-testid="allocation-submit">{t('登记下达', 'Record allocation')}</Button>
    </Form>
  );
}

/** One transfer: what it is, what has been passed on, and (for the bureau) the next allocation. */
function TransferCard({ id, onChange }: { id: string; onChange: () => void }) {
  const { t } = useT();
  const { has } = useAuth();
  const [detail, setDetail] = useState<TransferDetail | null>(null);
  const load = useCallback(() => { api.get<TransferDetail>(`/transfers/${id}`).then(setDetail).catch(() => setDetail(null)); }, [id]);
  useEffect(load, [load]);
  if (!detail) return null;
  const x = detail.transfer;
  return (
    <Card size="small" data-testid="transfer-card" title={<Space wrap>{x.documentNumber}{x.large && <Tag color="purple">{t('金额较大', 'Large')}</Tag>}</Space>}>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
        { key: 'p', label: t('用途', 'Purpose'), children: x.purpose, span: 2 },
        { key: 'l', label: t('下达级次', 'Issued by'), children: x.issuingLevelLabel },
        { key: 'r', label: t('收到日期', 'Received on'), children: x.receivedOn },
        { key: 'a', label: t('金额', 'Amount'), children: yuan(x.amount) },
        { key: 'left', label: t('待下达', 'Left'), children: <span data-testid="transfer-left">{yuan(x.left)}</span> },
        { key: 'd', label: t('下达期限', 'Deadline'), children: <Tag color={x.status !== 'open' ? 'green' : x.late ? 'red' : 'orange'}>{x.status === 'open' ? x.onwardDeadline : t('已全部下达', 'Passed on')}</Tag> },
        ...(x.large ? [{ key: 'rep', label: t('报告', 'Report'), children: <Link to="/duties/reports">{t('向县委、县政府报告（R-B7）', 'Report to the county (R-B7)')}</Link> }] : []),
      ]} />
      <Table rowKey="id" size="small" dataSource={detail.allocations} pagination={false} scroll={{ x: true }} data-testid="allocations-table" style={{ margin: '12px 0' }}
        locale={{ emptyText: t('尚未下达', 'Nothing passed on yet') }} columns={[
          { title: t('下达文号', 'Reference'), dataIndex: 'reference' },
          { title: t('单位', 'Unit'), render: (_, a) => a.unit?.name ?? a.unitId },
          { title: t('日期', 'Date'), dataIndex: 'allocatedOn' },
          { title: t('金额', 'Amount'), align: 'right', render: (_, a) => yuan(a.amount) },
        ]} />
      {x.status === 'open' && has(...BUREAU_STAFF) && <AllocationForm transfer={x} onDone={() => { load(); onChange(); }} />}
    </Card>
  );
}

/** R-B7 上级专项资金: the transfers and their deadlines; the bureau records them and their onward allocations here. */
export function TransfersTab() {
  const { t } = useT();
  return (
    <EntryTab<Transfer> ruleId="R-B7" path="/transfers" addLabel={{ zh: '登记上级专项资金', en: 'Record a transfer from above' }} addTestId="transfer-new"
      form={(done) => <TransferForm onDone={done} />} card={(id, changed) => <TransferCard id={id} onChange={changed} />}
      list={(items) => (
        <Table rowKey="id" size="small" dataSource={items} pagination={false} scroll={{ x: true }} data-testid="transfers-table" columns={[
          { title: t('文件号', 'Document'), render: (_, r) => <><Link to={`/duties/transfers/${r.id}`}>{r.documentNumber}</Link>{r.large && <Tag color="purple" style={{ marginLeft: 4 }}>{t('金额较大', 'Large')}</Tag>}</> },
          { title: t('用途', 'Purpose'), dataIndex: 'purpose' },
          { title: t('金额', 'Amount'), align: 'right', render: (_, r) => yuan(r.amount) },
          { title: t('待下达', 'Left'), align: 'right', render: (_, r) => yuan(r.left) },
          { title: t('下达期限', 'Deadline'), render: (_, r) => (r.status === 'open' ? <Tag color={r.late ? 'red' : 'orange'}>{r.onwardDeadline}</Tag> : <Tag color="green">{t('已全部下达', 'Passed on')}</Tag>) },
        ]} />
      )} />
  );
}
