import { Card, Table } from 'antd';
import { Link } from 'react-router-dom';
import type { Label } from '../api';
import { useT } from '../i18n';
import { useMoney } from '../money-unit';
import { age } from '../format';
import { RuleTag } from './RuleTags';

export interface PendingLoans {
  total: number;
  oldestAgeHours: number | null;
  byStep: { step: string; label: Label; count: number; amount: string; oldestAgeHours: number | null; oldestNumber: string | null }[];
}

/** Loans waiting on the finance review, the executive meeting (R-L6) or the treasury, each number linking to its list. */
export function PendingLoansCard({ pending, list }: { pending: PendingLoans; list: (name: string, extra?: Record<string, string>) => string }) {
  const { t, lang } = useT();
  const { money } = useMoney();
  const to = (step: string) => list('pending-loans', { step });
  return (
    <Card title={<>{t('借款待审批与待放款（按环节）', 'Loans pending, by step')} <RuleTag id="R-L6" /> <RuleTag id="R-L8" /></>}
      extra={<Link to={list('pending-loans')} data-testid="pending-loans-total">{t(`共 ${pending.total} 笔`, `${pending.total} in all`)}</Link>}
      data-testid="pending-loans-card">
      <Table size="small" rowKey="step" pagination={false} dataSource={pending.byStep} data-testid="pending-loans-by-step" columns={[
        { title: t('环节', 'Step'), key: 's', render: (_, s) => s.label[lang] },
        { title: t('笔数', 'Loans'), key: 'c', align: 'right', render: (_, s) => <Link to={to(s.step)} data-testid={`pending-loans-count-${s.step}`}>{s.count}</Link> },
        { title: t('金额', 'Amount'), key: 'a', align: 'right', render: (_, s) => <Link to={to(s.step)} data-testid={`pending-loans-amount-${s.step}`}>{money(s.amount)}</Link> },
        { title: t('最久等待', 'Oldest'), key: 'o', render: (_, s) => (s.oldestNumber ? <Link to={to(s.step)}>{age(s.oldestAgeHours, lang)} · {s.oldestNumber}</Link> : '—') },
      ]} />
    </Card>
  );
}
