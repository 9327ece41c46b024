import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Select, Space, Spin, Tag, Typography } from 'antd';
import { api } from '../api';
import { useAuth } from '../auth';
import { useSubmission } from '../form-state';
import { useT } from '../i18n';
import { LoadError } from '../components/LoadError';
import { ErrorAlert } from '../components/RuleTags';

interface Absence {
  id: string; userName?: string; substituteId: string; substituteName?: string; startsAtChina: string; endsAtChina: string;
  reason: string | null; status: 'planned' | 'running' | 'ended';
}
interface Person { id: string; displayName: string }

const STATUS = { planned: { zh: '未开始', en: 'Planned', color: 'blue' }, running: { zh: '代理中', en: 'Running', color: 'green' }, ended: { zh: '已结束', en: 'Ended', color: 'default' } } as const;

/**
 * 我的代理: set an absence (a period in 北京时间 and a substitute holding my roles); while it runs my
 * tasks and their e-mails go to the substitute, who decides on my behalf (代 我 办理). Also lists
 * the colleagues I stand in for now.
 */
export function AbsencesPage() {
  const { t, lang } = useT();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [data, setData] = useState<{ items: Absence[]; substituting: Absence[] } | null>(null);
  const [people, setPeople] = useState<Person[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [form] = Form.useForm();
  const sending = useSubmission();

  const load = useCallback(() => {
    setError(null);
    api.get<{ items: Absence[]; substituting: Absence[] }>('/me/absences').then(setData).catch(setError);
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    // A substitute holds every role of mine that decides something: those holding them all.
    const roles = (user?.roles ?? []).map((r) => r.id).filter((r) => r !== 'auditor');
    Promise.all(roles.map((r) => api.get<{ items: Person[] }>(`/users?role=${r}`)))
      .then((lists) => setPeople(lists.length ? lists[0].items.filter((p) => p.id !== user?.id && lists.every((l) => l.items.some((x) => x.id === p.id))) : []))
      .catch(() => setPeople([]));
  }, [user]);

  const submit = async () => {
    const v = await form.validateFields();
    const body = { substituteId: v.substituteId, startsAt: v.startsAt, endsAt: v.endsAt, ...(v.reason ? { reason: v.reason } : {}) };
    if (!(await sending.submit((key) => api.post('/me/absences', body, key).then(() => true)))) return;
    message.success(t('代理已设置', 'Absence set'));
    form.resetFields();
    load();
  };
  const end = async (id: string) => {
    await api.delete(`/me/absences/${id}`);
    message.success(t('代理已结束', 'Absence ended'));
    load();
  };
  const period = (a: Absence) => `${a.startsAtChina} — ${a.endsAtChina}（${t('北京时间', 'China time')}）`;
  if (error) return <LoadError error={error} onRetry={load} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="absences-page">
      <Card title={t('我的代理（外出、休假时由他人代为办理）', 'My absences: who decides for me while I am away')}>
        <Typography.Paragraph type="secondary">
          {t('代理期间，您的待办和待办邮件转给代理人，由其代您办理，审批记录同时写明代理人和您的姓名。时间为北京时间。',
            'While an absence runs your tasks and task e-mails go to your substitute, who decides on your behalf; records name both of you. Times are China time.')}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" style={{ maxWidth: 480 }}>
          <Form.Item name="substituteId" label={t('代理人（须具备您的审批角色）', 'Substitute (holding your roles)')} rules={[{ required: true, message: t('请选择代理人', 'Choose a substitute') }]}>
            <Select options={(people ?? []).map((p) => ({ value: p.id, label: p.displayName }))} loading={!people} data-testid="absence-substitute" />
          </Form.Item>
          <Form.Item name="startsAt" label={t('开始（北京时间）', 'Starts (China time)')} rules={[{ required: true, message: t('请填写开始时间', 'Enter the start') }]}>
            <Input type="datetime-local" data-testid="absence-start" />
          </Form.Item>
          <Form.Item name="endsAt" label={t('结束（北京时间）', 'Ends (China time)')} rules={[{ required: true, message: t('请填写结束时间', 'Enter the end') }]}>
            <Input type="datetime-local" data-testid="absence-end" />
          </Form.Item>
          <Form.Item name="reason" label={t('事由（选填）', 'Reason (optional)')}>
            <Input maxLength={200} />
          </Form.Item>
          <Button type="primary" block onClick={() => void submit()} loading={sending.busy} data-testid="absence-submit">{t('设置代理', 'Set absence')}</Button>
          <ErrorAlert error={sending.error} />
        </Form>
      </Card>
      <Card title={t('代理记录', 'My absences')}>
        {!data ? <Spin /> : !data.items.length ? <Empty description={t('尚未设置代理', 'No absences')} /> : (
          <Space direction="vertical" style={{ width: '100%' }}>
            {data.items.map((a) => (
              <Card key={a.id} size="small" data-absence={a.id}>
                <Space wrap><Tag color={STATUS[a.status].color}>{STATUS[a.status][lang]}</Tag>{t('代理人', 'Substitute')}：{a.substituteName}</Space>
                <div>{period(a)}</div>
                {a.reason && <Typography.Text type="secondary">{a.reason}</Typography.Text>}
                {a.status !== 'ended' && <Button size="small" danger onClick={() => void end(a.id)} data-testid="absence-end-now" style={{ marginTop: 8 }}>{t('结束代理', 'End it')}</Button>}
              </Card>
            ))}
          </Space>
        )}
      </Card>
      <Card title={t('我代理的同事', 'Colleagues I stand in for')}>
        {!data ? <Spin /> : !data.substituting.length ? <Empty description={t('目前没有', 'None now')} /> : data.substituting.map((a) => (
          <div key={a.id} data-substituting={a.id}><Tag color={STATUS[a.status].color}>{STATUS[a.status][lang]}</Tag>{a.userName} · {period(a)}</div>
        ))}
      </Card>
    </Space>
  );
}
