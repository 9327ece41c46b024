import { useEffect, useState } from 'react';
import { DatePicker, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { api, FiscalYear, Label } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';

/**
 * The filters of a list, kept in the page's address (so a filtered list can be linked to and the
 * Excel export asks the API for exactly the same): search by number or purpose, unit (bureau roles),
 * year, status, step and filing dates (China dates).
 */
export function ListFilters({ statuses, steps }: { statuses: Record<string, Label>; steps: Record<string, Label> }) {
  const { t, lang } = useT();
  const { has } = useAuth();
  const [params, setParams] = useSearchParams();
  const [units, setUnits] = useState<{ id: string; name: string }[]>([]);
  const [years, setYears] = useState<FiscalYear[]>([]);
  const [text, setText] = useState(params.get('q') ?? '');
  const clerk = has('dept_clerk');
  useEffect(() => {
    api.get<{ items: FiscalYear[] }>('/fiscal-years').then((r) => setYears(r.items)).catch(() => undefined);
    if (!clerk) api.get<{ items: { id: string; name: string }[] }>('/units').then((r) => setUnits(r.items)).catch(() => undefined);
  }, [clerk]);
  // A changed filter starts again at its first page.
  const set = (k: string, v?: string | null) => {
    const p = new URLSearchParams(params);
    p.delete('page');
    if (v) p.set(k, v); else p.delete(k);
    setParams(p);
  };
  const from = params.get('from');
  const to = params.get('to');
  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="list-filters" className="no-print">
      <Input.Search allowClear placeholder={t('编号或用途', 'Number or purpose')} style={{ width: 200 }} value={text} data-testid="filter-q"
        onChange={(e) => setText(e.target.value)} onSearch={(v) => set('q', v.trim())} />
      {!clerk && (
        <Select allowClear placeholder={t('全部单位', 'All units')} style={{ width: 170 }} value={params.get('unitId') ?? undefined} data-testid="filter-unit"
          onChange={(v) => set('unitId', v)} options={units.map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" />
      )}
      <Select allowClear placeholder={t('全部年度', 'All years')} style={{ width: 120 }} value={params.get('fiscalYear') ?? undefined} data-testid="filter-year"
        onChange={(v) => set('fiscalYear', v)} options={years.map((y) => ({ value: String(y.year), label: String(y.year) }))} />
      <Select allowClear placeholder={t('全部状态', 'All statuses')} style={{ width: 140 }} value={params.get('status') ?? undefined} data-testid="filter-status"
        onChange={(v) => set('status', v)} options={Object.entries(statuses).map(([k, s]) => ({ value: k, label: s[lang] }))} />
      <Select allowClear placeholder={t('全部环节', 'All steps')} style={{ width: 180 }} value={params.get('step') ?? undefined} data-testid="filter-step"
        onChange={(v) => set('step', v)} options={Object.entries(steps).map(([k, s]) => ({ value: k, label: s[lang] }))} popupMatchSelectWidth={false} />
      <DatePicker.RangePicker style={{ width: 240 }} data-testid="filter-dates" placeholder={[t('提交起', 'Filed from'), t('提交止', 'to')]}
        value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
        onChange={(r) => {
          const p = new URLSearchParams(params);
          p.delete('page');
          const [a, b] = r ?? [];
          if (a) p.set('from', a.format('YYYY-MM-DD')); else p.delete('from');
          if (b) p.set('to', b.format('YYYY-MM-DD')); else p.delete('to');
          setParams(p);
        }} />
    </Space>
  );
}
