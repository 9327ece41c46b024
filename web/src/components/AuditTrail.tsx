import { Collapse, Table } from 'antd';
import type { RequestDetail } from '../api';
import { useT } from '../i18n';
import { AUDIT_LABELS } from '../audit-labels';
import { dateTime } from '../format';

/** The audit trail of a subject, folded: event in words, time in China time, and the recorded data. */
export function AuditTrail({ audit }: { audit: RequestDetail['audit'] }) {
  const { t, lang } = useT();
  return (
    <Collapse className="no-print" items={[{
      key: 'audit', label: `${t('审计记录', 'Audit trail')} (${audit.length})`,
      children: <Table size="small" rowKey="id" pagination={false} dataSource={audit} scroll={{ x: 'max-content' }} columns={[
        { title: t('时间', 'At'), key: 'at', render: (_, e) => dateTime(e.at) },
        { title: t('事件', 'Event'), key: 'type', render: (_, e) => AUDIT_LABELS[e.type]?.[lang] ?? e.type },
        { title: t('内容', 'Data'), key: 'd', render: (_, e) => <code style={{ fontSize: 12 }}>{JSON.stringify(e.data)}</code> },
      ]} />,
    }]} />
  );
}
