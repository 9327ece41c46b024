import { useCallback, useEffect, useState } from 'react';
import { Card, Empty, Grid, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, BudgetRequest, Loan, Task } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { age, dateTime } from '../format';
import { Money, MoneyUnitSwitch } from '../money-unit';
import { FlagBadges, LOAN_STEP_RULES, RuleTag, STEP_RULES } from '../components/RuleTags';
import { DecisionModal } from '../components/DecisionModal';
import { LoadError } from '../components/LoadError';
import { TaskCards } from '../components/TaskCards';
import { disbursePath, TaskActions } from '../components/TaskActions';
import { STATUS } from './RequestListPage';
import { LOAN_STATUS } from './LoanListPage';

type Tab = 'todo' | 'done' | 'mine';
/** What the user filed (我发起的): requests and loans in one list, newest first. */
interface Filed { kind: 'request' | 'loan'; id: string; number: string; purpose: string; amount: string; status: string; stepLabel: BudgetRequest['stepLabel']; createdAt: string }

/** 我的待办: 待办 (open tasks, 三保 first R-B5, then oldest; decided in place), 已办 (decided), 我发起的 (filed by me). */
export function InboxPage() {
  const { t } = useT();
  const { user } = useAuth();
  const { taskId } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as Tab | null) ?? 'todo';
  const navigate = useNavigate();
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [done, setDone] = useState<Task[] | null>(null);
  const [filed, setFiled] = useState<Filed[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [deciding, setDeciding] = useState<{ task: Task; action?: string } | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      if (tab === 'todo') { setTasks(null); setTasks((await api.get<{ items: Task[] }>('/tasks')).items); }
      if (tab === 'done') { setDone(null); setDone((await api.get<{ items: Task[] }>('/tasks?status=done')).items.reverse()); }
      if (tab === 'mine') {
        setFiled(null);
        const [requests, loans] = await Promise.all([api.get<{ items: BudgetRequest[] }>('/budget-requests'), api.get<{ items: Loan[] }>('/loans?limit=500')]);
        const mine = (x: { createdById?: string }) => x.createdById === user?.id;
        setFiled([
          ...requests.items.filter(mine).map((r) => ({ kind: 'request' as const, id: r.id, number: r.number, purpose: r.purpose, amount: r.amount, status: r.status, stepLabel: r.stepLabel, createdAt: r.createdAt })),
          ...loans.items.filter(mine).map((l) => ({ kind: 'loan' as const, id: l.id, number: l.number, purpose: l.purposeDetails, amount: l.amount, status: l.status, stepLabel: l.stepLabel, createdAt: l.createdAt })),
        ].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
      }
    } catch (e) { setError(e as Error); }
  }, [tab, user]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => {
    // Opened from an e-mail's "open the task" link; a disbursement is done on the loan's page, not decided.
    const task = taskId && tasks?.find((x) => x.id === taskId);
    if (task && task.loan && task.step === 'disbursement') navigate(disbursePath(task.subjectId), { replace: true });
    else if (task && task.step !== 'revision') setDeciding({ task });
  }, [taskId, tasks, navigate]);

  const close = () => { setDeciding(null); if (taskId) navigate('/tasks', { replace: true }); };
  const body = error ? <LoadError error={error} onRetry={() => void load()} />
    : tab === 'todo' ? <OpenTasks tasks={tasks} onDecide={(task, action) => setDeciding({ task, action })} />
    : tab === 'done' ? <DoneTasks tasks={done} />
    : <FiledList items={filed} />;
  return (
    <Card title={<Space>{t('我的待办', 'My tasks')}{tab === 'todo' && !error && <Tag data-testid="inbox-count">{tasks?.length ?? 0}</Tag>}</Space>}
      extra={<MoneyUnitSwitch />} data-testid="inbox">
      <Tabs activeKey={tab} onChange={(k) => setParams(k === 'todo' ? {} : { tab: k })} items={[
        { key: 'todo', label: <span data-testid="tab-todo">{t('待办', 'To do')}</span> },
        { key: 'done', label: <span data-testid="tab-done">{t('已办', 'Done')}</span> },
        { key: 'mine', label: <span data-testid="tab-mine">{t('我发起的', 'Filed by me')}</span> },
      ]} />
      {body}
      <DecisionModal task={deciding?.task ?? null} action={deciding?.action} onClose={close}
        onDone={() => { close(); void load(); }} />
    </Card>
  );
}

function OpenTasks({ tasks, onDecide }: { tasks: Task[] | null; onDecide: (task: Task, action: string) => void }) {
  const { t, l, lang } = useT();
  const phone = !Grid.useBreakpoint().md;
  // Still loading: a spinner, never "nothing to do".
  if (!tasks) return <Spin style={{ display: 'block', margin: '32px auto' }} data-testid="inbox-loading" />;
  if (phone) {
    return (
      <>
        <Typography.Paragraph type="secondary">{t('“三保”事项（R-B5）排在最前，其余按等待时间先后。', '“Three guarantees” tasks (R-B5) come first, then the oldest.')}</Typography.Paragraph>
        <TaskCards tasks={tasks} onDecide={onDecide} />
      </>
    );
  }
  return (
    <>
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
          { title: t('金额', 'Amount'), key: 'amount', align: 'right', render: (_, task) => <Money amount={task.request?.amount ?? task.loan?.amount} /> },
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
          { title: t('办理', 'Decide'), key: 'actions', render: (_, task) => <TaskActions task={task} onDecide={(a) => onDecide(task, a)} /> },
        ]} />
    </>
  );
}

/** 已办: the tasks I closed, latest first, with a link to the request or loan. */
function DoneTasks({ tasks }: { tasks: Task[] | null }) {
  const { t, l } = useT();
  return (
    <Table<Task> rowKey="id" loading={!tasks} dataSource={tasks ?? []} pagination={{ pageSize: 20 }} data-testid="done-list" scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('暂无已办事项', 'Nothing decided yet')} /> }}
      onRow={(task) => ({ 'data-request': task.request?.number ?? task.loan?.number } as object)}
      columns={[
        { title: t('编号', 'Number'), key: 'n', render: (_, x) => <Link to={x.loan ? `/loans/${x.subjectId}` : `/budget-requests/${x.subjectId}`}>{x.request?.number ?? x.loan?.number}</Link> },
        { title: t('金额', 'Amount'), key: 'a', align: 'right', render: (_, x) => <Money amount={x.request?.amount ?? x.loan?.amount} /> },
        { title: t('环节', 'Step'), key: 's', render: (_, x) => l(x.stepLabel) },
        { title: t('办理时间', 'Closed'), key: 'c', responsive: ['md'], render: (_, x) => dateTime(x.closedAt) },
      ]} />
  );
}

/** 我发起的: what I filed, with where it stands. */
function FiledList({ items }: { items: Filed[] | null }) {
  const { t, l, lang } = useT();
  return (
    <Table<Filed> rowKey="id" loading={!items} dataSource={items ?? []} pagination={{ pageSize: 20 }} data-testid="filed-list" scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('暂无本人发起的申请', 'Nothing filed by you')} /> }}
      onRow={(x) => ({ 'data-request': x.number } as object)}
      columns={[
        { title: t('编号', 'Number'), key: 'n', render: (_, x) => <>{x.kind === 'loan' && <Tag color="purple">{t('借款', 'Loan')}</Tag>}<Link to={x.kind === 'loan' ? `/loans/${x.id}` : `/budget-requests/${x.id}`}>{x.number}</Link></> },
        { title: t('金额', 'Amount'), key: 'a', align: 'right', render: (_, x) => <Money amount={x.amount} /> },
        { title: t('状态', 'Status'), key: 's', render: (_, x) => { const s = (x.kind === 'loan' ? LOAN_STATUS : STATUS)[x.status]; return <><Tag color={s?.color}>{s?.[lang] ?? x.status}</Tag>{l(x.stepLabel)}</>; } },
        { title: t('用途', 'Purpose'), key: 'p', responsive: ['md'], render: (_, x) => x.purpose },
      ]} />
  );
}
