import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { DECISION_ACTIONS, DecisionAction } from '../../../domain/budget-chain';
import { api, Task } from '../api';
import { useT } from '../i18n';
import { age, yuan } from '../format';
import { FlagBadges, LOAN_STEP_RULES, RuleTag, STEP_RULES } from '../components/RuleTags';
import { DecisionModal } from '../components/DecisionModal';

/** The loan page, opened at its disburse form. */
const disbursePath = (loanId: string) => `/loans/${loanId}?action=disburse`;

/** 我的待办: open tasks, 三保 first (R-B5) then oldest; decided in place (a disbursement on the loan's page). */
export function InboxPage() {
  const { t, l, lang } = useT();
  const { taskId } = useParams();
  const navigate = useNavigate();
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [deciding, setDeciding] = useState<{ task: Task; action?: string } | null>(null);

  const load = useCallback(() => api.get<{ items: Task[] }>('/tasks').then((r) => setTasks(r.items)), []);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => {
    // Opened from an e-mail's "open the task" link; a disbursement is done on the loan's page, not decided.
    const task = taskId && tasks?.find((x) => x.id === taskId);
    if (task && task.loan && task.step === 'disbursement') navigate(disbursePath(task.subjectId), { replace: true });
    else if (task && task.step !== 'revision') setDeciding({ task });
  }, [taskId, tasks, navigate]);

  const close = () => { setDeciding(null); if (taskId) navigate('/tasks', { replace: true }); };
  return (
    <Card title={<Space>{t('我的待办', 'My tasks')}<Tag>{tasks?.length ?? 0}</Tag></Space>} data-testid="inbox">
      <Typography.Paragraph type="secondary">
        {t('“三保”事项（R-B5）排在最前，其余按等待时间先后。', '“Three guarantees” tasks (R-B5) come first, then the oldest.')}
      </Typography.Paragraph>
      <Table<Task> rowKey="id" loading={!tasks} dataSource={tasks ?? []} pagination={false}
        locale={{ emptyText: <Empty description={t('暂无待办', 'Nothing to do')} /> }}
        onRow={(task) => ({ 'data-request': task.request?.number ?? task.loan?.number } as object)}
        columns={[
          {
            title: t('申请', 'Request'), key: 'request', render: (_, task) => task.loan ? (
              <Space direction="vertical" size={0}>
                <span><Tag color="purple">{t('借款', 'Loan')}</Tag><Link to={`/loans/${task.subjectId}`}>{task.loan.number}</Link></span>
                <span>{l(task.loan.purposeLabel) || task.loan.purpose}</span>
                <Typography.Text type="secondary">{task.loan.unit?.name}</Typography.Text>
              </Space>
            ) : task.yearTurn ? (
              <Link to={`/year-turn/${task.yearTurn.fromYear}`} data-testid="year-turn-task">{t(`${task.yearTurn.fromYear} 年度结转决定（R-B11）`, `Year turn ${task.yearTurn.fromYear} (R-B11)`)}</Link>
            ) : task.request && (
              <Space direction="vertical" size={0}>
                <Link to={`/budget-requests/${task.subjectId}`}>{task.request.number}</Link>
                <span>{task.request.purpose}</span>
                <Typography.Text type="secondary">{task.request.unit?.name}</Typography.Text>
              </Space>
            ),
          },
          { title: t('金额', 'Amount'), key: 'amount', align: 'right', render: (_, task) => yuan(task.request?.amount ?? task.loan?.amount) },
          { title: t('环节', 'Step'), key: 'step', render: (_, task) => <>{l(task.stepLabel)}<br /><Typography.Text type="secondary">{t(`第${task.round}轮`, `round ${task.round}`)}</Typography.Text></> },
          { title: t('已等待', 'Age'), key: 'age', render: (_, task) => age(task.ageHours, lang) },
          {
            title: t('适用规则', 'Rules'), key: 'rules', render: (_, task) => (
              <Space size={[0, 4]} wrap>
                <FlagBadges flags={task.request?.flags ?? []} />
                {((task.loan ? LOAN_STEP_RULES : STEP_RULES)[task.step] ?? []).map((id) => <RuleTag key={id} id={id} />)}
              </Space>
            ),
          },
          {
            title: t('办理', 'Decide'), key: 'actions', render: (_, task) => task.step === 'revision'
              ? <Link to={`/budget-requests/${task.subjectId}`}><Button size="small">{t('修改后重新提交或撤回', 'Revise or withdraw')}</Button></Link>
              : task.loan && task.step === 'disbursement'
              ? <Link to={disbursePath(task.subjectId)}><Button size="small" type="primary" data-testid="open-disburse">{t('放款（国库股）', 'Disburse')}</Button></Link>
              : (
                <Space wrap>
                  {task.actions.map((a) => (
                    <Button key={a} size="small" type={a === 'approve' || a === 'acknowledge' ? 'primary' : 'default'}
                      danger={a === 'reject' || a === 'object'} data-testid={`decide-${a}`}
                      onClick={() => setDeciding({ task, action: a })}>
                      {DECISION_ACTIONS[a as DecisionAction]?.[lang] ?? a}
                    </Button>
                  ))}
                </Space>
              ),
          },
        ]} />
      <DecisionModal task={deciding?.task ?? null} action={deciding?.action} onClose={close}
        onDone={() => { close(); void load(); }} />
    </Card>
  );
}
