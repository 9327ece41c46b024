import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api } from '../api';
import type { Listed, Policy } from '../chains-api';
import { useT } from '../i18n';
import { yuan } from '../format';

/** Chooses the policy in force a budget request implements (R-B9): only policies in force are offered. */
export function PolicyPicker({ value, onChange }: { value?: string; onChange?: (v: string | undefined) => void }) {
  const { t } = useT();
  const [policies, setPolicies] = useState<Policy[]>([]);
  useEffect(() => { api.get<Listed<Policy>>('/policies?status=in_force&limit=500').then((r) => setPolicies(r.items)).catch(() => setPolicies([])); }, []);
  return (
    <Select id="policyId" allowClear showSearch optionFilterProp="title" value={value} onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={t('不执行重大增支政策', 'Implements no policy')} data-testid="policy-picker"
      options={policies.map((p) => ({ value: p.id, title: `${p.number} ${p.title}`, label: <span data-option={p.number}>{p.number} {p.title} · {yuan(p.yearlyCost)}/{t('年', 'yr')}</span> }))} />
  );
}
