import { useCallback, useEffect, useState } from 'react';
import { Card, Empty, Grid, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, Label, Task } from '../api';
import { useT } from '../i18n';
import { age, dateTime } from '../format';
import { Money, MoneyUnitSwitch } from '../money-unit';
import { FlagBadges, LOAN_STEP_RULES, RuleTag, STEP_RULES } from '../components/RuleTags';
import { DecisionModal } from '../components/DecisionModal';
import { LoadError } from '../components/LoadError';
import { TaskCards } from '../components/TaskCards';
import { CardLine, ResponsiveList } from '../components/ResponsiveList';
import { StatusStep } from '../components/StatusStep';
import { disbursePath, TaskActions } from '../components/TaskActions';
import { STATUS } from './RequestListPage';
import { LOAN_STATUS } from './LoanListPage';
import { taskSubject } from '../task-subject';
import { CopiedList } from '../components/CopiedList';
import { TaskDelegationModal, TaskErrand } from '../components/TaskDelegation';
import { OnBehalfBadge } from '../components/OnBehalfBadge';
import { ConsultationsTab } from '../components/ConsultationsTab';

type Tab = 'todo' | 'done' | 'consult' | 'mine' | 'copied';
/** What the user filed (我发起的): a request or a loan, as GET /me/filed lists it. */
interface Filed { kind: 'request' | 'loan'; id: string; number: string; purpose: string; amount: string; status: string; stepLabel: Label; createdAt: string }
interface FiledPage { total: number; items: Filed[] }

/** 我的待办: 待办 (open tasks, 三保 first R-B5, then oldest; decided in place), 已办 (decided), 我发起的 (filed by me), 抄送我的 (copied to me, read-only). */
export function InboxPage() {
  const { t } = useT();
  const { taskId } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as Tab | null) ?? 'todo';
  const navigate = useNavigate();
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [done, setDone] = useState<Task[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [deciding, setDeciding] = useState<{ task: Task; action?: string } | null>(null);
  const [errand, setErrand] = useState<{ task: Task; errand: TaskErrand } | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      if (tab === 'todo') { setTasks(null); setTasks((await api.get<{ items: Task[] }>('/tasks')).items); }
      if (tab === 'done') { setDone(null); setDone((await api.get<{ items: Task[] }>('/tasks?status=done')).items.reverse()); }
    } catch (e) { setError(e as Error); }
  }, [tab]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => {
    // Opened from an e-mail's "open the task" link; a disbursement is done on the loan's page, not decided.
    const task = taskId && tasks?.find((x) => x.id === taskId);
    if (task && task.loan && task.step === 'disbursement') navigate(disbursePath(task.subjectId), { replace: true });
    else if (task && task.step !== 'revision') setDeciding({ task });
  }, [taskId, tasks, navigate]);

  const close = () => { setDeciding(null); if (taskId) navigate('/tasks', { replace: true }); };
  const body = error ? <LoadError error={error} onRetry={() => void load()} />
    : tab === 'todo' ? <OpenTasks tasks={tasks} onDecide={(task, action) => setDeciding({ task, action })} onErrand={(task, e) => setErrand({ task, errand: e })} />
    : tab === 'done' ? <DoneTasks tasks={done} />
    : tab === 'copied' ? <CopiedList />
    : tab === 'consult' ? <ConsultationsTab />
    : <FiledList />;
  return (
    <Card title={<Space>{t('我的待办', 'My tasks')}{tab === 'todo' && !error && <Tag data-testid="inbox-count">{tasks?.length ?? 0}</Tag>}</Space>}
      extra={<MoneyUnitSwitch />} data-testid="inbox">
      <Tabs activeKey={tab} onChange={(k) => setParams(k === 'todo' ? {} : { tab: k })} items={[
        { key: 'todo', label: <span data-testid="tab-todo">{t('待办', 'To do')}</span> },
        { key: 'done', label: <span data-testid="tab-done">{t('已办', 'Done')}</span> },
        { key: 'consult', label: <span data-testid="tab-consult">{t('征求意见', 'Opinions asked')}</span> },
        { key: 'mine', label: <span data-testid="tab-mine">{t('我发起的', 'Filed by me')}</span> },
        { key: 'copied', label: <span data-testid="tab-copied">{t('抄送我的', 'Copied to me')}</span> },
      ]} />
      {body}
      <DecisionModal task={deciding?.task ?? null} action={deciding?.action} onClose={close}
        onDone={() => { close(); void load(); }} />
      <TaskDelegationModal task={errand?.task ?? null} errand={errand?.errand ?? null} onClose={() => setErrand(null)}
        onDone={() => { setErrand(null); void load(); }} />
    </Card>
  );
}

function OpenTasks({ tasks, onDecide, onErrand }: { tasks: Task[] | null; onDecide: (task: Task, action: string) => void; onErrand: (task: Task, errand: TaskErrand) => void }) {
  const { t, l, lang } = useT();
  const phone = !Grid.useBreakpoint().md;
  // Still loading: a spinner, never "nothing to do".
  if (!tasks) return <Spin style={{ display: 'block', margin: '32px auto' }} data-testid="inbox-loading" />;
  if (phone) {
    return (
      <>
        <Typography.Paragraph type="secondary">{t('“三保”事项（R-B5）排在最前，其余按等待时间先后。', '“Three guarantees” tasks (R-B5) come first, then the oldest.')}</Typography.Paragraph>
        <TaskCards tasks={tasks} onDecide={onDecide} onErrand={onErrand} />
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
        onRow={(task) => ({ 'data-request': taskSubject(task, l).number } as object)}
        columns={[
          {
            title: t('申请', 'Request'), key: 'request', render: (_, task) => {
              if (task.yearTurn) return <Link to={`/year-turn/${task.yearTurn.fromYear}`} data-testid="year-turn-task">{t(`${task.yearTurn.fromYear} 年度结转决定（R-B11）`, `Year turn ${task.yearTurn.fromYear} (R-B11)`)}</Link>;
              const x = taskSubject(task, l);
              return x.number && (
                <Space direction="vertical" size={0}>
                  <span>{x.tag && <Tag color="purple">{l(x.tag)}</Tag>}<Link to={x.href}>{x.number}</Link></span>
                  <span>{x.gist}</span>
                  <Typography.Text type="secondary">{x.unit}</Typography.Text>
                </Space>
              );
            },
          },
          { title: t('金额', 'Amount'), key: 'amount', align: 'right', render: (_, task) => <Money amount={taskSubject(task, l).amount} /> },
          { title: t('环节', 'Step'), key: 'step', render: (_, task) => <>{l(task.stepLabel)}<br /><Typography.Text type="secondary">{t(`第${task.round}轮`, `round ${task.round}`)}</Typography.Text></> },
          { title: t('已等待', 'Age'), key: 'age', render: (_, task) => age(task.ageHours, lang) },
          {
            title: t('适用规则', 'Rules'), key: 'rules', render: (_, task) => (
              <Space size={[0, 4]} wrap>
                <FlagBadges flags={taskSubject(task, l).flags} />
                {((task.loan ? LOAN_STEP_RULES : STEP_RULES)[task.step] ?? []).map((id) => <RuleTag key={id} id={id} />)}
              </Space>
            ),
          },
          { title: t('办理', 'Decide'), key: 'actions', render: (_, task) => <TaskActions task={task} onDecide={(a) => onDecide(task, a)} onErrand={(e) => onErrand(task, e)} /> },
        ]} />
    </>
  );
}

/** 已办: the tasks I closed, latest first, with a link to the request or loan. */
function DoneTasks({ tasks }: { tasks: Task[] | null }) {
  const { t, l } = useT();
  const href = (x: Task) => x.loan ? `/loans/${x.subjectId}` : `/budget-requests/${x.subjectId}`;
  const number = (x: Task) => x.request?.number ?? x.loan?.number;
  return (
    <ResponsiveList<Task> items={tasks} rowKey={(x) => x.id} number={number} testId="done-list" empty={t('暂无已办事项', 'Nothing decided yet')}
      columns={[
        { title: t('编号', 'Number'), key: 'n', render: (_, x) => <Link to={href(x)}>{number(x)}</Link> },
        { title: t('金额', 'Amount'), key: 'a', align: 'right', render: (_, x) => <Money amount={x.request?.amount ?? x.loan?.amount} /> },
        { title: t('环节', 'Step'), key: 's', render: (_, x) => <>{l(x.stepLabel)} <OnBehalfBadge name={x.onBehalfOf?.name} /></> },
        { title: t('办理时间', 'Closed'), key: 'c', render: (_, x) => dateTime(x.closedAt) },
      ]}
      card={(x) => (
        <>
          <CardLine left={<>{x.loan && <Tag color="purple">{t('借款', 'Loan')}</Tag>}<Link to={href(x)}>{number(x)}</Link></>} right={<b><Money amount={x.request?.amount ?? x.loan?.amount} /></b>} />
          <div>{x.loan ? (l(x.loan.purposeLabel) || x.loan.purpose) : x.request?.purpose}</div>
          <CardLine left={<>{l(x.stepLabel)} <OnBehalfBadge name={x.onBehalfOf?.name} /></>} right={<Typography.Text type="secondary">{dateTime(x.closedAt)}</Typography.Text>} />
        </>
      )} />
  );
}

const FILED_PAGE = 20;

/** 我发起的: what I filed, with where it stands; the server pages it (GET /me/filed), newest first. */
function FiledList() {
  const { t } = useT();
  const [page, setPage] = useState(1);
  const [filed, setFiled] = useState<FiledPage | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const load = useCallback(() => {
    setFiled(null);
    setError(null);
    api.get<FiledPage>(`/me/filed?limit=${FILED_PAGE}&offset=${(page - 1) * FILED_PAGE}`).then(setFiled).catch(setError);
  }, [page]);
  useEffect(load, [load]);
  if (error) return <LoadError error={error} onRetry={load} />;
  const href = (x: Filed) => x.kind === 'loan' ? `/loans/${x.id}` : `/budget-requests/${x.id}`;
  const status = (x: Filed) => <StatusStep labels={x.kind === 'loan' ? LOAN_STATUS : STATUS} status={x.status} step={x.stepLabel} />;
  const number = (x: Filed) => <>{x.kind === 'loan' && <Tag color="purple">{t('借款', 'Loan')}</Tag>}<Link to={href(x)}>{x.number}</Link></>;
  return (
    <>
      {filed && <Typography.Paragraph type="secondary" data-testid="filed-total">{t(`共 ${filed.total} 笔`, `${filed.total} in all`)}</Typography.Paragraph>}
      <ResponsiveList<Filed> items={filed?.items ?? null} rowKey={(x) => x.id} number={(x) => x.number} testId="filed-list"
        empty={t('暂无本人发起的申请', 'Nothing filed by you')}
        paging={filed ? { current: page, pageSize: FILED_PAGE, total: filed.total, onChange: setPage } : undefined}
        columns={[
          { title: t('编号', 'Number'), key: 'n', render: (_, x) => number(x) },
          { title: t('金额', 'Amount'), key: 'a', align: 'right', render: (_, x) => <Money amount={x.amount} /> },
          { title: t('状态', 'Status'), key: 's', render: (_, x) => status(x) },
          { title: t('用途', 'Purpose'), key: 'p', render: (_, x) => x.purpose },
          { title: t('提交时间', 'Filed'), key: 't', render: (_, x) => dateTime(x.createdAt) },
        ]}
        card={(x) => (
          <>
            <CardLine left={number(x)} right={<b><Money amount={x.amount} /></b>} />
            <div>{x.purpose}</div>
            <CardLine left={status(x)} right={<Typography.Text type="secondary">{dateTime(x.createdAt)}</Typography.Text>} />
          </>
        )} />
    </>
  );
}
