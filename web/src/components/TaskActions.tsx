import { Button, Space } from 'antd';
import { Link } from 'react-router-dom';
import { DECISION_ACTIONS, DecisionAction } from '../../../domain/budget-chain';
import type { Task } from '../api';
import { useT } from '../i18n';

/** The loan page, opened at its disburse form. */
export const disbursePath = (loanId: string) => `/loans/${loanId}?action=disburse`;

/** What can be done with a task from the inbox: decide it, revise the request or loan, or go to the disbursement. */
export function TaskActions({ task, onDecide, block }: { task: Task; onDecide: (action: string) => void; block?: boolean }) {
  const { t, lang } = useT();
  const size = block ? 'middle' : 'small';
  if (task.step === 'revision') {
    return <Link to={task.loan ? `/loans/${task.subjectId}` : `/budget-requests/${task.subjectId}`}><Button size={size} block={block}>{t('修改后重新提交或撤回', 'Revise or withdraw')}</Button></Link>;
  }
  if (task.loan && task.step === 'disbursement') {
    return <Link to={disbursePath(task.subjectId)}><Button size={size} block={block} type="primary" data-testid="open-disburse">{t('放款（国库股）', 'Disburse')}</Button></Link>;
  }
  return (
    <Space wrap style={block ? { display: 'flex', width: '100%' } : undefined} className={block ? 'task-actions-block' : undefined}>
      {task.actions.map((a) => (
        <Button key={a} size={size} type={a === 'approve' || a === 'acknowledge' ? 'primary' : 'default'}
          danger={a === 'reject' || a === 'object'} data-testid={`decide-${a}`} onClick={() => onDecide(a)}>
          {DECISION_ACTIONS[a as DecisionAction]?.[lang] ?? a}
        </Button>
      ))}
    </Space>
  );
}
