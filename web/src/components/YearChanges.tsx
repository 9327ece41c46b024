import { useEffect, useState } from 'react';
import { List, Tag, Typography } from 'antd';
import { api } from '../api';
import { useT } from '../i18n';
import { dateTime, yuan } from '../format';

interface Figures { generalBudgetExpenditure: string; fundBudgetExpenditure: string; availableResources: string }
interface Change { at: string; actorName: string | null; figures: Figures; previous: Figures | null; reason: string | null; documentReference: string | null; warnings: { ruleId: string }[] }

/** Every setting of a year's figures from the audit trail: who, when, old → new, the reason and the document. */
export function YearChanges({ year, version }: { year: number; version: string }) {
  const { t } = useT();
  const [items, setItems] = useState<Change[] | null>(null);
  useEffect(() => { api.get<{ items: Change[] }>(`/fiscal-years/${year}/changes`).then((r) => setItems(r.items)).catch(() => setItems([])); }, [year, version]);
  if (!items?.length) return null;
  const labels: [keyof Figures, string][] = [
    ['generalBudgetExpenditure', t('一般公共预算', 'general')], ['fundBudgetExpenditure', t('政府性基金', 'fund')], ['availableResources', t('可用财力', 'available')],
  ];
  return (
    <List size="small" header={<b>{t('变更记录', 'Changes')}</b>} dataSource={items} data-testid={`changes-${year}`} style={{ maxWidth: 900 }}
      renderItem={(c) => (
        <List.Item data-change={c.documentReference ?? ''}>
          <div>
            <Typography.Text type="secondary">{dateTime(c.at)} · {c.actorName}</Typography.Text>
            {c.warnings.map((w) => <Tag key={w.ruleId} color="orange" style={{ marginLeft: 6 }}>{w.ruleId}</Tag>)}
            <div>{c.previous
              ? labels.filter(([k]) => c.previous![k] !== c.figures[k]).map(([k, label]) => <div key={k}>{label}：{yuan(c.previous![k])} → <b>{yuan(c.figures[k])}</b></div>)
              : t('首次录入', 'first recorded')}</div>
            {(c.reason || c.documentReference) && <div>{t('原因：', 'Reason: ')}{c.reason ?? '—'}；{t('依据：', 'Document: ')}<b>{c.documentReference ?? '—'}</b></div>}
          </div>
        </List.Item>
      )} />
  );
}
