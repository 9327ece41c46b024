import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Tag } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { SITTING_KINDS } from '../../../../domain/meeting';
import { chinaDate } from '../../../../domain/china-calendar';
import { api, ApiError, idempotencyKey } from '../../api';
import { useAuth } from '../../auth';
import { useT } from '../../i18n';
import { ResponsiveList } from '../../components/ResponsiveList';
import { keptKinds, Meeting, MeetingListItem, SittingKind } from '../../meetings-api';
import { useLoaded } from '../chains/use-loaded';

interface NewMeeting { kind: SittingKind; number: string; date: string; attendees: string[] }

/** The 会议 page: the sittings, newest first, and for their keepers the form creating one. A `?number=` link opens that meeting. */
export function MeetingListPage() {
  const { t, l } = useT();
  const { has } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const number = params.get('number');
  const { data } = useLoaded<{ items: MeetingListItem[] }>(number ? `/meetings?number=${encodeURIComponent(number)}` : '/meetings');
  const kinds = keptKinds(has);
  const [form] = Form.useForm<NewMeeting>();
  const [error, setError] = useState<ApiError | null>(null);

  // a decision's "decided at 县政府第12次常务会议" link lands here and goes on to that meeting
  useEffect(() => {
    if (number && data?.items.length === 1) navigate(`/meetings/${data.items[0].id}`, { replace: true });
  }, [number, data, navigate]);

  const create = async (v: NewMeeting) => {
    setError(null);
    try {
      const { meeting } = await api.post<{ meeting: Meeting }>('/meetings', v, idempotencyKey());
      navigate(`/meetings/${meeting.id}`);
    } catch (e) { setError(e as ApiError); }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="meeting-list-page">
      {kinds.length > 0 && (
        <Card title={t('新建会议', 'New meeting')}>
          <Form form={form} layout="vertical" onFinish={create} initialValues={{ kind: kinds[0], date: chinaDate(Date.now()), attendees: [] }}>
            <Form.Item name="kind" label={t('会议类别', 'Kind')} rules={[{ required: true }]}>
              <Select id="meetingKind" options={kinds.map((k) => ({ value: k, label: <span data-option={k}>{l(SITTING_KINDS[k])}</span> }))} />
            </Form.Item>
            <Form.Item name="number" label={t('会议名称（文号）', 'Meeting number')} rules={[{ required: true, message: t('请填写会议名称', 'Give the meeting number') }]}>
              <Input id="meetingNumber" placeholder={t('如：县政府第12次常务会议', 'e.g. 县政府第12次常务会议')} />
            </Form.Item>
            <Form.Item name="date" label={t('会议日期（北京时间）', 'Date (China time)')} rules={[{ required: true }]}>
              <Input id="meetingDate" type="date" />
            </Form.Item>
            <Form.Item name="attendees" label={t('出席人员（输入后回车）', 'Attendees (type, then Enter)')} rules={[{ required: true, message: t('请填写出席人员', 'Name the attendees') }]}>
              <Select id="meetingAttendees" mode="tags" tokenSeparators={[',', '，', '、']} />
            </Form.Item>
            {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="meeting-error" title={error.message}
              description={error.fields.length ? <ul>{error.fields.map((f) => <li key={f.field}>{f.field}: {f.message}</li>)}</ul> : undefined} />}
            <Button type="primary" htmlType="submit" data-testid="create-meeting">{t('创建会议', 'Create meeting')}</Button>
          </Form>
        </Card>
      )}
      <Card title={t('会议', 'Meetings')}>
        <ResponsiveList<MeetingListItem> items={data?.items ?? null} rowKey={(m) => m.id} number={(m) => m.number} testId="meeting-list"
          empty={t('暂无会议', 'No meetings yet')}
          columns={[
            { title: t('会议', 'Meeting'), key: 'n', render: (_, m) => <Link to={`/meetings/${m.id}`}>{m.number}</Link> },
            { title: t('类别', 'Kind'), key: 'k', render: (_, m) => l(m.kindLabel) },
            { title: t('日期', 'Date'), dataIndex: 'date' },
            { title: t('议程（已决定/全部）', 'Agenda (decided/all)'), key: 'i', render: (_, m) => `${m.decidedCount}/${m.itemCount}` },
            { title: t('纪要', 'Minutes'), key: 'm', render: (_, m) => (m.hasMinutes ? <Tag color="success">{t('已上传', 'Uploaded')}</Tag> : <Tag>{t('未上传', 'None')}</Tag>) },
          ]}
          card={(m) => (
            <Space direction="vertical" size={2}>
              <Link to={`/meetings/${m.id}`}><b>{m.number}</b></Link>
              <span>{l(m.kindLabel)} · {m.date}</span>
              <span>{t('议程', 'Agenda')} {m.decidedCount}/{m.itemCount} · {m.hasMinutes ? t('纪要已上传', 'minutes uploaded') : t('纪要未上传', 'no minutes')}</span>
            </Space>
          )} />
      </Card>
    </Space>
  );
}
