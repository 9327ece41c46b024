import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Space, Typography } from 'antd';
import { api, ApiError, idempotencyKey } from '../../api';
import { useT } from '../../i18n';
import type { Meeting, PendingItem } from '../../meetings-api';
import { useLoaded } from '../chains/use-loaded';
import { AgendaLine } from './AgendaLine';

/** The items waiting at a step this sitting decides (the keeper's own tasks), to put on its agenda. */
export function AgendaBuilder({ meeting, onChange }: { meeting: Meeting; onChange: () => void }) {
  const { t } = useT();
  const { data, reload } = useLoaded<{ items: PendingItem[] }>(`/meetings/pending-items?kind=${meeting.kind}`);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const onAgenda = new Set(meeting.items.map((i) => i.subjectId));
  const candidates = (data?.items ?? []).filter((p) => !onAgenda.has(p.subjectId));

  const add = async () => {
    setError(null);
    try {
      const items = candidates.filter((p) => chosen.includes(p.subjectId)).map((p) => ({ subjectType: p.subjectType, subjectId: p.subjectId }));
      await api.post(`/meetings/${meeting.id}/items`, { items }, idempotencyKey());
      setChosen([]);
      reload();
      onChange();
    } catch (e) { setError(e as ApiError); }
  };

  return (
    <Card title={t('列入议程：待会议审议的事项', 'Build the agenda: items waiting for a meeting')} data-testid="agenda-builder">
      {!data ? null : candidates.length === 0 ? <Empty description={t('没有待列入议程的事项', 'Nothing waiting')} /> : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as string[])} style={{ width: '100%' }}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {candidates.map((p) => (
                <div key={p.subjectId} data-pending={p.number}>
                  <Checkbox value={p.subjectId} disabled={!!p.onMeeting}>
                    <AgendaLine s={p} />
                    {p.onMeeting && <Typography.Text type="warning"> {t(`已列入${p.onMeeting.number}`, `on ${p.onMeeting.number}`)}</Typography.Text>}
                  </Checkbox>
                </div>
              ))}
            </Space>
          </Checkbox.Group>
          {error && <Alert type="error" showIcon data-testid="agenda-error" title={error.message}
            description={error.fields.length ? <ul>{error.fields.map((f) => <li key={f.field}>{f.message}</li>)}</ul> : undefined} />}
          <Button type="primary" disabled={!chosen.length} onClick={add} data-testid="add-to-agenda">{t(`列入议程（${chosen.length}项）`, `Add to agenda (${chosen.length})`)}</Button>
        </Space>
      )}
    </Card>
  );
}
