import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button, Card, Space, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { BUREAU_STAFF } from '../../../../domain/duties';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useT } from '../../i18n';
import { ruleLine } from '../../duties-api';

/**
 * A tab of the bureau's entries (transfers, risk events): the rule, a form to record one (for the
 * bureau's staff), the chosen entry's card (`…/:id`), and the list.
 */
export function EntryTab<T extends { id: string }>({ ruleId, path, addLabel, addTestId, form, card, list }: {
  ruleId: 'R-B7' | 'R-M4'; path: string; addLabel: { zh: string; en: string }; addTestId: string;
  form: (done: (entry: T) => void) => ReactNode; card: (id: string, changed: () => void) => ReactNode; list: (items: T[]) => ReactNode;
}) {
  const { t, l } = useT();
  const { has } = useAuth();
  const navigate = useNavigate();
  const id = useLocation().pathname.split('/')[3];
  const [items, setItems] = useState<T[]>([]);
  const [adding, setAdding] = useState(false);
  const reload = useCallback(() => { api.get<{ items: T[] }>(path).then((r) => setItems(r.items)); }, [path]);
  useEffect(reload, [reload]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{ruleLine(ruleId)}</Typography.Paragraph>
      {has(...BUREAU_STAFF) && (adding
        ? <Card size="small" title={l(addLabel)} extra={<Button size="small" onClick={() => setAdding(false)}>{t('收起', 'Close')}</Button>}>
          {form((entry) => { setAdding(false); reload(); navigate(`/duties${path}/${entry.id}`); })}
        </Card>
        : <Button onClick={() => setAdding(true)} data-testid={addTestId}>{l(addLabel)}</Button>)}
      {id && <div key={id}>{card(id, reload)}</div>}
      {list(items)}
    </Space>
  );
}
