import { useEffect, useState } from 'react';
import { Card, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { useT } from '../i18n';
import { dateTime } from '../format';
import type { DutyItem } from '../duties-api';
import { KEY_UNIT_FLAG } from '../../../domain/duties';
import { FlagBadges } from './RuleTags';

/** The dashboard's "due this week": reports, transfers and risk events with a deadline in the next 7 days, late ones first. */
export function DutiesDueCard() {
  const { t } = useT();
  const [items, setItems] = useState<DutyItem[] | null>(null);
  useEffect(() => { api.get<{ items: DutyItem[] }>('/duties?withinDays=7').then((r) => setItems(r.items)).catch(() => setItems([])); }, []);
  if (!items) return null;
  return (
    <Card title={t('本周到期事项', 'Due this week')} extra={<Link to="/duties">{t('报告与事项', 'Reports & duties')}</Link>} data-testid="duties-due">
      {items.length === 0 ? <Typography.Text type="secondary">{t('本周没有到期事项', 'Nothing due this week')}</Typography.Text> : (
        <List size="small" dataSource={items} renderItem={(i) => (
          <List.Item>
            <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}><Link to={i.link}>{i.title}</Link> <FlagBadges flags={i.keyUnit ? [KEY_UNIT_FLAG] : []} /></span>
            <span style={{ whiteSpace: 'nowrap' }}><Tag>{i.ruleId}</Tag>{i.late ? <Tag color="red">{t('已逾期', 'Late')}</Tag> : <Tag color="orange">{dateTime(i.dueAt)}</Tag>}</span>
          </List.Item>
        )} />
      )}
    </Card>
  );
}
