import { createContext, useContext, useState, ReactNode } from 'react';
import { Segmented } from 'antd';
import { wan, yuan } from './format';

/** 元 or 万元 on lists and the dashboard; the choice is kept across pages and visits. */
export type MoneyUnit = 'yuan' | 'wan';
const KEY = 'approvals.moneyUnit';

const Ctx = createContext<{ unit: MoneyUnit; setUnit: (u: MoneyUnit) => void }>({ unit: 'yuan', setUnit: () => {} });

export function MoneyUnitProvider({ children }: { children: ReactNode }) {
  const [unit, set] = useState<MoneyUnit>(() => (localStorage.getItem(KEY) === 'wan' ? 'wan' : 'yuan'));
  const setUnit = (u: MoneyUnit) => { localStorage.setItem(KEY, u); set(u); };
  return <Ctx.Provider value={{ unit, setUnit }}>{children}</Ctx.Provider>;
}

/** `money(amount)` in the chosen unit, as text; `Money` shows it with the exact yuan on hover. */
export function useMoney() {
  const { unit } = useContext(Ctx);
  const money = (amount: string | null | undefined) => (unit === 'wan' ? wan(amount) : yuan(amount));
  return { unit, money };
}

export function Money({ amount, testId }: { amount: string | null | undefined; testId?: string }) {
  const { money } = useMoney();
  return <span title={yuan(amount)} data-testid={testId} className="money">{money(amount)}</span>;
}

/** The 元/万元 switch shown above a list or the dashboard. */
export function MoneyUnitSwitch() {
  const { unit, setUnit } = useContext(Ctx);
  return (
    <Segmented size="small" value={unit} onChange={(v) => setUnit(v as MoneyUnit)} data-testid="money-unit"
      options={[{ label: '元', value: 'yuan' }, { label: '万元', value: 'wan' }]} />
  );
}
