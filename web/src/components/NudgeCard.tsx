import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Input, Space, Typography } from 'antd';
import { api, ApiError, idempotencyKey, type Label } from '../api';
import { useT } from '../i18n';
import { dateTime } from '../format';

interface NudgeState { mayNudge: boolean; openTasks: number; interval: Label; lastNudgedAt: string | null; nextNudgeAt: string | null }

/**
 * 催办: the applying unit's clerk or the finance bureau nudges whoever holds the request's open tasks
 * (each gets an e-mail with fresh decision links). Shown only to those who may, while someone holds
 * a task; says when the next nudge is possible.
 */
export function NudgeCard({ path, onNudged }: { path: string; onNudged?: () => void }) {
  const { t, l } = useT();
  const { message } = App.useApp();
  const [state, setState] = useState<NudgeState | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => api.get<NudgeState>(`${path}/nudge`).then(setState, () => setState(null)), [path]);
  useEffect(() => { void load(); }, [load]);
  if (!state?.mayNudge || !state.openTasks) return null;

  async function nudge() {
    setBusy(true);
    try {
      await api.post(`${path}/nudge`, note.trim() ? { comment: note.trim() } : {}, idempotencyKey());
      message.success(t(`已催办 ${state!.openTasks} 位审批人`, `Nudged ${state!.openTasks} approver(s)`));
      setNote('');
      onNudged?.();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
      await load();
    }
  }

  const waiting = !!state.nextNudgeAt;
  return (
    <Card className="no-print" data-testid="nudge" title={t('催办', 'Nudge')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t(`当前有 ${state.openTasks} 项待办；每${l(state.interval)}最多催办一次。`, `${state.openTasks} open task(s); at most one nudge per ${state.interval.en}.`)}
          {state.lastNudgedAt ? t(`上次催办：${dateTime(state.lastNudgedAt)}`, ` Last nudge: ${dateTime(state.lastNudgedAt)}`) : ''}
        </Typography.Text>
        {waiting && <Alert type="info" showIcon data-testid="next-nudge" title={t(`下次可催办时间：${dateTime(state.nextNudgeAt)}`, `Next nudge possible at ${dateTime(state.nextNudgeAt)}`)} />}
        <Input.TextArea rows={2} maxLength={500} placeholder={t('留言（可选）', 'Note (optional)')} value={note} onChange={(e) => setNote(e.target.value)} disabled={waiting} />
        <Button type="primary" data-testid="nudge-button" loading={busy} disabled={waiting} onClick={nudge}>{t('催办', 'Nudge')}</Button>
      </Space>
    </Card>
  );
}
