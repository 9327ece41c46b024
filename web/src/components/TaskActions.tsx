import { Button, Space } from 'antd';
import { Link } from 'react-router-dom';
import { DECISION_ACTIONS, DecisionAction } from '../../../domain/budget-chain';
import type { Task } from '../api';
import { useT } from '../i18n';
import type { TaskErrand } from './TaskDelegation';
import { OnBehalfBadge } from './OnBehalfBadge';

/** The loan page, opened at its disburse form. */
export const disbursePath = (loanId: string) => `/loans/${loanId}?action=disburse`;

/**
 * What can be done with a task from the inbox: decide it (on its assignee's behalf, 代 X 办理, when
 * it is theirs), hand it over or ask opinions first (`onErrand`), revise the request or loan, or go
 * to the disbursement.
 */
export function TaskActions({ task, onDecide, onErrand, block }: { task: Task; onDecide: (action: string) => void; onErrand?: (errand: TaskErrand) => void; block?: boolean }) {
  const { t, lang } = useT();
  const size = block ? 'middle' : 'small';
  if (task.step === 'revision') {
    return <Link to={task.loan ? `/loans/${task.subjectId}` : `/budget-requests/${task.subjectId}`}><Button size={size} block={block}>{t('修改后重新提交或撤回', 'Revise or withdraw')}</Button></Link>;
  }
  if (task.loan && task.step === 'disbursement') {
    return <Link to={disbursePath(task.subjectId)}><Button size={size} block={block} type="primary" data-testid="open-disburse">{t('放款（国库股）', 'Disburse')}</Button></Link>;
  }
  return (
    <>
    {task.onBehalfOf && <div style={{ marginBottom: 4 }}><OnBehalfBadge name={task.onBehalfOf.name} /></div>}
    <Space wrap style={block ? { display: 'flex', width: '100%' } : undefined} className={block ? 'task-actions-block' : undefined}>
      {task.actions.map((a) => (
        <Button key={a} size={size} type={a === 'approve' || a === 'acknowledge' ? 'primary' : 'default'}
          danger={a === 'reject' || a === 'object'} data-testid={`decide-${a}`} onClick={() => onDecide(a)}>
          {DECISION_ACTIONS[a as DecisionAction]?.[lang] ?? a}
        </Button>
      ))}
      {onErrand && task.actions.length > 0 && (
        <>
          <Button size={size} data-testid="hand-over" onClick={() => onErrand('hand_over')}>{t('转交', 'Hand over')}</Button>
          <Button size={size} data-testid="consult" onClick={() => onErrand('consult')}>{t('征求意见', 'Ask opinions')}</Button>
        </>
      )}
    </Space>
    </>
  );
}
