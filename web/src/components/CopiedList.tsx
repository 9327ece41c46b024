import { useEffect, useState } from 'react';
import { Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, type Label, type Task } from '../api';
import { useT } from '../i18n';
import { dateTime } from '../format';
import { Money } from '../money-unit';
import { LoadError } from './LoadError';
import { taskSubject } from '../task-subject';

/** One request copied to me (GET /copies): its subject under the chain's key, as a task carries it. */
type Copied = Pick<Task, 'subjectId' | 'request' | 'loan' | 'policy' | 'changeOfUse'> & {
  id: string; subjectType: string; round: number; step: string; stepLabel: Label; copiedBy: { id: string; displayName: string } | null; comment: string | null; createdAt: string;
};

/** 抄送我的: requests copied to me for information, newest first; read-only (a link to the request, no actions). */
export function CopiedList() {
  const { t, l } = useT();
  const [items, setItems] = useState<Copied[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const load = () => { setError(null); api.get<{ items: Copied[] }>('/copies').then((r) => setItems(r.items), setError); };
  useEffect(load, []);
  if (error) return <LoadError error={error} onRetry={load} />;
  if (!items) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  return (
    <List<Copied> data-testid="copied-list" dataSource={items} locale={{ emptyText: <Empty description={t('暂无抄送', 'Nothing copied to you')} /> }}
      renderItem={(c) => {
        const x = taskSubject(c as unknown as Task, l);
        return (
          <List.Item data-request={x.number}>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <span>{x.tag && <Tag color="purple">{l(x.tag)}</Tag>}<Link to={x.href}>{x.number}</Link> <Tag>{t('抄送', 'Copied')}</Tag></span>
              <span>{x.gist}{x.amount && <> · <Money amount={x.amount} /></>}</span>
              <Typography.Text type="secondary">
                {l(c.stepLabel)}{t(`（第${c.round}轮）`, ` (round ${c.round})`)} · {c.copiedBy ? t(`${c.copiedBy.displayName}抄送`, `copied by ${c.copiedBy.displayName}`) : t('按审批链抄送', 'copied by the chain')} · {dateTime(c.createdAt)}
              </Typography.Text>
              {c.comment && <Typography.Text>{t('说明', 'Note')}：{c.comment}</Typography.Text>}
            </Space>
          </List.Item>
        );
      }} />
  );
}
