import { Card, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { BudgetRequestForm } from '../components/BudgetRequestForm';

export function NewBudgetRequestPage() {
  const { t } = useT();
  const { has, user } = useAuth();
  const navigate = useNavigate();
  if (!has('dept_clerk')) return <Result status="403" title={t('只有预算单位经办人可以提交申请', 'Only a department clerk can file a request')} />;
  return (
    <Card title={`${t('新建追加预算申请', 'New supplementary-budget request')} · ${user?.unit?.name ?? ''}`}>
      <BudgetRequestForm submitPath="/budget-requests" onSaved={(r) => navigate(`/budget-requests/${r.id}`)} />
    </Card>
  );
}
