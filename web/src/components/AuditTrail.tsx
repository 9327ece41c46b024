import { useState } from 'react';
import { Collapse, List, Switch, Typography } from 'antd';
import type { RequestDetail } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { AUDIT_ACTIONS, AUDIT_FIELDS, AUDIT_LABELS } from '../audit-labels';
import { dateTime, yuan } from '../format';

type Event = RequestDetail['audit'][number];

const AMOUNT = /^-?\d+\.\d{2}$/;
/** An enum value or an id ("leader_briefing", "user-edu-1"): never shown to a reader. */
const RAW = /^[a-z]+([_-][a-z0-9]+)+$|^[0-9a-f-]{32,}$/;

/** The recorded data in words: the known fields, amounts as ¥ with separators, nothing that is a key or an id. */
function dataInWords(data: Event['data'], lang: 'zh' | 'en'): string {
  return Object.entries(data ?? {}).flatMap(([key, value]) => {
    const label = AUDIT_FIELDS[key]?.[lang];
    if (!label) return [];
    if (key === 'action') return typeof value === 'string' && AUDIT_ACTIONS[value] ? [`${label}：${AUDIT_ACTIONS[value][lang]}`] : [];
    if (typeof value === 'number') return [`${label}：${value}`];
    if (typeof value !== 'string' || !value.trim() || RAW.test(value)) return [];
    return [`${label}：${AMOUNT.test(value) ? yuan(value) : value}`];
  }).join(lang === 'zh' ? '；' : '; ');
}

/**
 * The audit trail of a subject, folded: each event in words (what, who, when in China time, the figures);
 * the recorded JSON only behind 原始记录 for auditors. `names` maps the user ids the page knows to people.
 */
export function AuditTrail({ audit, names = {} }: { audit: Event[]; names?: Record<string, string | undefined> }) {
  const { t, lang } = useT();
  const { has } = useAuth();
  const [raw, setRaw] = useState(false);
  const who = (e: Event) => (e.actorId ? names[e.actorId] : t('系统', 'system'));
  return (
    <Collapse className="no-print" items={[{
      key: 'audit', label: `${t('审计记录', 'Audit trail')} (${audit.length})`,
      extra: has('auditor') && (
        <span onClick={(ev) => ev.stopPropagation()}>
          <Switch size="small" checked={raw} onChange={setRaw} data-testid="audit-raw" /> {t('原始记录', 'raw record')}
        </span>
      ),
      children: (
        <List size="small" dataSource={audit} data-testid="audit-trail" renderItem={(e) => {
          const words = dataInWords(e.data, lang);
          return (
            <List.Item key={e.id} data-audit={e.id} style={{ display: 'block' }}>
              <div><b>{AUDIT_LABELS[e.type]?.[lang] ?? t('其他事件', 'Other event')}</b>{who(e) ? ` · ${who(e)}` : ''}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dateTime(e.at)}</Typography.Text>
              {words && <div>{words}</div>}
              {raw && <code style={{ fontSize: 12, wordBreak: 'break-all' }} data-testid="audit-json">{JSON.stringify(e.data)}</code>}
            </List.Item>
          );
        }} />
      ),
    }]} />
  );
}
