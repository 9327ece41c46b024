import { useState } from 'react';
import { Alert, Button, Card, Empty, Input, Radio, Space, Tag } from 'antd';
import { DECISION_ACTIONS, DecisionAction } from '../../../../domain/budget-chain';
import { api, ApiError, idempotencyKey } from '../../api';
import { useT } from '../../i18n';
import { dateTime } from '../../format';
import type { AgendaItem, ItemResult, Meeting } from '../../meetings-api';
import { AgendaLine } from './AgendaLine';

interface Line { action?: string; comment?: string; resolutionReference?: string }

/**
 * The one outcome form: an outcome for every undecided item, sent together; each item is decided by
 * its own workflow, so the answer comes back per item and a refusal is shown against its item.
 */
export function OutcomeForm({ meeting, keeper, onDecided }: { meeting: Meeting; keeper: boolean; onDecided: () => void }) {
  const { t, l, lang } = useT();
  const [lines, setLines] = useState<Record<string, Line>>({});
  const [results, setResults] = useState<Record<string, ItemResult>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  const set = (id: string, patch: Line) => setLines((all) => ({ ...all, [id]: { ...all[id], ...patch } }));
  const npc = meeting.kind === 'npc_session';
  const chosen = meeting.items.filter((i) => i.status === 'pending' && lines[i.id]?.action);

  const submit = async () => {
    setError(null);
    setSending(true);
    try {
      const items = chosen.map((i) => ({ itemId: i.id, ...lines[i.id] }));
      const answer = await api.post<{ results: ItemResult[] }>(`/meetings/${meeting.id}/outcomes`, { items }, idempotencyKey());
      setResults(Object.fromEntries(answer.results.map((r) => [r.itemId, r])));
      onDecided();
    } catch (e) { setError(e as ApiError); } finally { setSending(false); }
  };
  const remove = async (item: AgendaItem) => {
    try {
      await api.delete(`/meetings/${meeting.id}/items/${item.id}`);
      onDecided();
    } catch (e) { setError(e as ApiError); }
  };
  const actionLabel = (a: string) => DECISION_ACTIONS[a as DecisionAction]?.[lang] ?? a;

  return (
    <Card title={t('议程与会议决定', 'Agenda and outcomes')} data-testid="outcome-form">
      {meeting.items.length === 0 ? <Empty description={t('议程为空', 'The agenda is empty')} /> : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {meeting.items.map((item) => {
            const r = results[item.id];
            return (
              <Card key={item.id} size="small" className="list-card" data-item={item.number}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <AgendaLine s={item} />
                  {item.outcome ? (
                    <Tag color="success" data-testid="item-decided">{t('已决定：', 'Decided: ')}{actionLabel(item.outcome.action)} · {dateTime(item.outcome.decidedAt)}</Tag>
                  ) : keeper && (
                    <>
                      <Radio.Group value={lines[item.id]?.action} onChange={(e) => set(item.id, { action: e.target.value })} data-testid="item-action"
                        options={item.actions.map((a) => ({ value: a.action, label: <span data-option={a.action}>{actionLabel(a.action)}</span> }))} />
                      {lines[item.id]?.action && lines[item.id]?.action !== 'approve' && (
                        <Input.TextArea rows={2} placeholder={t('意见（必填）', 'Comment (required)')} value={lines[item.id]?.comment}
                          onChange={(e) => set(item.id, { comment: e.target.value })} data-testid="item-comment" />
                      )}
                      {npc && (
                        <Input placeholder={t('决议文号，如：县人大常委会〔2026〕8号批复', 'Resolution reference')} value={lines[item.id]?.resolutionReference}
                          onChange={(e) => set(item.id, { resolutionReference: e.target.value })} data-testid="item-resolution" />
                      )}
                      <Button size="small" type="link" style={{ padding: 0 }} onClick={() => remove(item)} data-testid="item-remove">{t('移出议程', 'Remove from agenda')}</Button>
                    </>
                  )}
                  {r && <ResultLine r={r} positionLabel={r.status === 'decided' ? l(r.outcome.positionLabel) : ''} actionLabel={actionLabel} />}
                </Space>
              </Card>
            );
          })}
          {error && <Alert type="error" showIcon title={error.message} data-testid="outcome-error" />}
          {keeper && meeting.items.some((i) => i.status === 'pending') && (
            <Button type="primary" loading={sending} disabled={!chosen.length} onClick={submit} data-testid="submit-outcomes">
              {t(`提交会议决定（${chosen.length}项）`, `Record the outcomes (${chosen.length})`)}
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}

function ResultLine({ r, positionLabel, actionLabel }: { r: ItemResult; positionLabel: string; actionLabel: (a: string) => string }) {
  const { t } = useT();
  if (r.status === 'decided') return <Alert type="success" showIcon data-testid="item-result" data-status={r.status} title={`${actionLabel(r.action)} → ${positionLabel}`} />;
  if (r.status === 'already_decided') return <Alert type="info" showIcon data-testid="item-result" data-status={r.status} title={t(`此前已决定（${actionLabel(r.action)}），未重复办理`, `Already decided (${actionLabel(r.action)}); nothing done twice`)} />;
  return <Alert type={r.status === 'pending' ? 'warning' : 'error'} showIcon data-testid="item-result" data-status={r.status} title={r.error.message} />;
}
