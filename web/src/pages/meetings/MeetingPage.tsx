import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { api, ApiError, idempotencyKey } from '../../api';
import { useAuth } from '../../auth';
import { useT } from '../../i18n';
import { dateTime } from '../../format';
import { keptKinds, Meeting } from '../../meetings-api';
import { useLoaded } from '../chains/use-loaded';
import { AgendaBuilder } from './AgendaBuilder';
import { OutcomeForm } from './OutcomeForm';

/** One meeting: its facts and minutes, the agenda builder and the one outcome form (for its keeper). */
export function MeetingPage() {
  const { id } = useParams();
  const { t, l } = useT();
  const { has } = useAuth();
  const { data, error, reload } = useLoaded<{ meeting: Meeting }>(`/meetings/${id}`);
  const [uploadError, setUploadError] = useState<string | null>(null);
  if (error) return <Result status={error instanceof ApiError && error.status === 404 ? '404' : '403'} title={error.message} />;
  if (!data) return <Spin />;
  const m = data.meeting;
  const keeper = keptKinds(has).includes(m.kind);

  const upload = async (file: File) => {
    setUploadError(null);
    try {
      await api.upload(`/meetings/${m.id}/minutes?fileName=${encodeURIComponent(file.name)}`, file, idempotencyKey());
      reload();
    } catch (e) { setUploadError((e as Error).message); }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="meeting-page">
      <Card title={<span data-testid="meeting-number">{m.number}</span>}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" items={[
          { key: 'k', label: t('类别', 'Kind'), children: l(m.kindLabel) },
          { key: 'd', label: t('日期', 'Date'), children: m.date },
          { key: 'a', label: t('出席人员', 'Attendees'), children: m.attendees.join('、'), span: 2 },
          {
            key: 'm', label: t('会议纪要', 'Minutes'), span: 2,
            children: (
              <Space wrap>
                {m.minutes
                  ? <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} data-testid="minutes-download"
                    onClick={() => api.download(`/meetings/${m.id}/minutes`, m.minutes!.fileName)}>{m.minutes.fileName}</Button>
                  : <span>{t('未上传', 'Not uploaded')}</span>}
                {m.minutes && <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>SHA-256 {m.minutes.sha256.slice(0, 16)}… · {dateTime(m.minutes.uploadedAt)}</Typography.Text>}
                {keeper && (
                  <Upload showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }} data-testid="minutes-upload">
                    <Button icon={<UploadOutlined />}>{m.minutes ? t('重新上传纪要', 'Replace minutes') : t('上传纪要', 'Upload minutes')}</Button>
                  </Upload>
                )}
              </Space>
            ),
          },
        ]} />
        {uploadError && <Alert type="error" showIcon title={uploadError} data-testid="minutes-error" />}
      </Card>
      {keeper && <AgendaBuilder meeting={m} onChange={reload} />}
      <OutcomeForm meeting={m} keeper={keeper} onDecided={reload} />
    </Space>
  );
}
