import { useEffect, useState } from 'react';
import { Alert, Button, Card, Radio, Result, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { yuan } from '../format';
import { ErrorAlert } from '../components/RuleTags';
import { CardLine, ResponsiveList } from '../components/ResponsiveList';

interface Item { requestId: string; number: string; unitName: string; amount: string; step: string; reserved: boolean }
interface YearTurn { fromYear: number; toYear: number; status: 'open' | 'decided'; items: Item[]; decisions: { requestId: string; action: 'carry' | 'lapse' }[] | null }

/** R-B11 年度结转: the finance director carries each open request into the new year (R-B3 re-checked) or lets it lapse. */
export function YearTurnPage() {
  const { t } = useT();
  const { has } = useAuth();
  const { fromYear } = useParams();
  const [turn, setTurn] = useState<YearTurn | null>(null);
  const [missing, setMissing] = useState(false);
  const [choice, setChoice] = useState<Record<string, 'carry' | 'lapse'>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const load = () => api.get<{ yearTurn: YearTurn }>(`/year-turns/${fromYear}`).then((r) => setTurn(r.yearTurn)).catch(() => setMissing(true));
  useEffect(() => { void load(); }, [fromYear]); // eslint-disable-line react-hooks/exhaustive-deps

  if (missing) return <Result status="info" title={t(`${fromYear} 年度尚未结转`, `No year turn for ${fromYear} yet`)} />;
  if (!turn) return null;
  const decided = turn.status === 'decided';
  const submit = async () => {
    setBusy(true); setError(null);
    try {
      await api.post(`/year-turns/${fromYear}/decision`, { decisions: turn.items.map((i) => ({ requestId: i.requestId, action: choice[i.requestId] })) });
      await load();
    } catch (e) { setError(e as ApiError); } finally { setBusy(false); }
  };
  const link = (i: Item) => <Link to={`/budget-requests/${i.requestId}`}>{i.number}</Link>;
  const amount = (i: Item) => <>{yuan(i.amount)} {i.reserved && <Tag>{t('已预留', 'Reserved')}</Tag>}</>;
  const decision = (i: Item) => (decided
    ? <Tag>{turn.decisions?.find((d) => d.requestId === i.requestId)?.action === 'carry' ? t('结转', 'Carried') : t('失效', 'Lapsed')}</Tag>
    : <Radio.Group value={choice[i.requestId]} onChange={(e) => setChoice({ ...choice, [i.requestId]: e.target.value })}
        options={[{ value: 'carry', label: t('结转', 'Carry') }, { value: 'lapse', label: t('失效', 'Lapse') }]} />);
  return (
    <Card title={t(`${turn.fromYear} → ${turn.toYear} 年度结转（R-B11）`, `Year turn ${turn.fromYear} → ${turn.toYear} (R-B11)`)}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }}
        title={t('以下申请在上一年度结束时仍在审批中：逐项选择结转到新年度（按 R-B3 重新核定可用财力）或失效（释放预留并通知单位）。', 'Still in their chain at the year end: carry each into the new year (re-checked under R-B3) or let it lapse (released, the department told).')} />
      <ResponsiveList<Item> items={turn.items} rowKey={(i) => i.requestId} number={(i) => i.number} testId="year-turn-items"
        empty={t('无在审申请', 'Nothing open')} columns={[
          { title: t('申请', 'Request'), render: (_, i) => link(i) },
          { title: t('单位', 'Unit'), dataIndex: 'unitName' },
          { title: t('金额（元）', 'Amount'), render: (_, i) => amount(i) },
          { title: t('决定', 'Decision'), render: (_, i) => decision(i) },
        ]}
        card={(i) => <>
          <CardLine left={link(i)} right={amount(i)} />
          <div>{i.unitName}</div>
          <div style={{ marginTop: 8 }}>{decision(i)}</div>
        </>} />
      <ErrorAlert error={error} />
      {!decided && has('finance_director') && (
        <Button type="primary" style={{ marginTop: 12 }} loading={busy} disabled={turn.items.some((i) => !choice[i.requestId])} onClick={submit} data-testid="decide-year-turn">
          {t('确认决定', 'Decide')}
        </Button>
      )}
    </Card>
  );
}
