import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Empty, Input, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, Consultation } from '../api';
import { useSubmission } from '../form-state';
import { useT } from '../i18n';
import { dateTime } from '../format';
import { LoadError } from './LoadError';
import { ErrorAlert } from './RuleTags';

const SUBJECT_PATHS: Record<string, string> = { budget: '/budget-requests', loan: '/loans', policy: '/policies', change_of_use: '/changes-of-use' };

/** 征求意见: the opinions asked of me, each answered with a comment (I never decide the step); one card each, at any width. */
export function ConsultationsTab() {
  const { t } = useT();
  const [status, setStatus] = useState<'waiting' | 'answered'>('waiting');
  const [items, setItems] = useState<Consultation[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const load = useCallback(() => {
    setItems(null);
    setError(null);
    api.get<{ items: Consultation[] }>(`/consultations?status=${status}`).then((r) => setItems(r.items)).catch(setError);
  }, [status]);
  useEffect(load, [load]);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="consultations">
      <Segmented value={status} onChange={(v) => setStatus(v as 'waiting' | 'answered')}
        options={[{ value: 'waiting', label: t('待答复', 'To answer') }, { value: 'answered', label: t('已答复', 'Answered') }]} />
      {error ? <LoadError error={error} onRetry={load} />
        : !items ? <Spin style={{ display: 'block', margin: '32px auto' }} />
        : !items.length ? <Empty description={t('暂无征求意见', 'No opinions asked of you')} />
        : items.map((c) => <ConsultationCard key={c.id} c={c} onAnswered={load} />)}
    </Space>
  );
}

function ConsultationCard({ c, onAnswered }: { c: Consultation; onAnswered: () => void }) {
  const { t, l } = useT();
  const { message } = App.useApp();
  const [answer, setAnswer] = useState('');
  const sending = useSubmission();
  const number = c.subject?.number ?? '';
  const send = async () => {
    if (!(await sending.submit((key) => api.post(`/consultations/${c.id}/answer`, { answer }, key).then(() => true)))) return;
    message.success(t('已答复', 'Answer sent'));
    onAnswered();
  };
  return (
    <Card size="small" data-consultation={c.id}>
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
          <Link to={`${SUBJECT_PATHS[c.subjectType] ?? '/budget-requests'}/${c.subjectId}`}>{number}</Link>
          <Typography.Text type="secondary">{c.stepLabel ? l(c.stepLabel) : c.step} · {dateTime(c.askedAt)}</Typography.Text>
        </div>
        <div>{c.subject?.purpose ?? c.subject?.title}</div>
        <div><Tag>{t('征求人', 'Asked by')}</Tag>{c.askedByName}</div>
        <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="consult-question-text">{c.question}</Typography.Paragraph>
        {c.answer ? <div><Tag color="green">{t('我的答复', 'My answer')}</Tag>{c.answer}</div>
          : c.answerable ? (
            <>
              <Input.TextArea rows={3} maxLength={2000} value={answer} onChange={(e) => setAnswer(e.target.value)} data-testid="consult-answer"
                placeholder={t('发表您的意见（您只提意见，不作审批决定）', 'Your opinion (you do not decide the step)')} />
              <Button type="primary" block disabled={!answer.trim()} loading={sending.busy} onClick={() => void send()} data-testid="consult-answer-submit">{t('提交意见', 'Send opinion')}</Button>
              <ErrorAlert error={sending.error} />
            </>
          ) : <Typography.Text type="secondary">{t('该环节已办结', 'The step has been decided')}</Typography.Text>}
      </Space>
    </Card>
  );
}
