import { Card, Empty, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Task } from '../api';
import { useT } from '../i18n';
import { age } from '../format';
import { Money } from '../money-unit';
import { FlagBadges, LOAN_STEP_RULES, RuleTag, STEP_RULES } from './RuleTags';
import { TaskActions } from './TaskActions';
import type { TaskErrand } from './TaskDelegation';
import { taskSubject } from '../task-subject';

/** The inbox on a phone: one card per task (request, unit, amount, step, waiting time, badges) with full-width buttons. */
export function TaskCards({ tasks, onDecide, onErrand }: { tasks: Task[]; onDecide: (task: Task, action: string) => void; onErrand?: (task: Task, errand: TaskErrand) => void }) {
  const { t, l, lang } = useT();
  if (!tasks.length) return <Empty description={t('暂无待办', 'Nothing to do')} />;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {tasks.map((task) => {
        const subject = taskSubject(task, l);
        return (
          <Card key={task.id} size="small" data-request={subject.number} className="task-card">
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                <span>{subject.tag && <Tag color="purple">{l(subject.tag)}</Tag>}<Link to={subject.href}>{subject.number}</Link></span>
                <Typography.Text strong><Money amount={subject.amount} /></Typography.Text>
              </div>
              {task.yearTurn && <Link to={`/year-turn/${task.yearTurn.fromYear}`} data-testid="year-turn-task">{t(`${task.yearTurn.fromYear} 年度结转决定（R-B11）`, `Year turn ${task.yearTurn.fromYear} (R-B11)`)}</Link>}
              <div>{subject.gist}</div>
              <Typography.Text type="secondary">{subject.unit}</Typography.Text>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                <span>{l(task.stepLabel)} · {t(`第${task.round}轮`, `round ${task.round}`)}</span>
                <Typography.Text type={task.ageHours >= 72 ? 'danger' : 'secondary'}>{t('已等待', 'waiting')} {age(task.ageHours, lang)}</Typography.Text>
              </div>
              <Space size={[0, 4]} wrap>
                <FlagBadges flags={subject.flags} />
                {((task.loan ? LOAN_STEP_RULES : STEP_RULES)[task.step] ?? []).map((id) => <RuleTag key={id} id={id} />)}
              </Space>
              <TaskActions task={task} block onDecide={(a) => onDecide(task, a)} onErrand={onErrand && ((e) => onErrand(task, e))} />
            </Space>
          </Card>
        );
      })}
    </Space>
  );
}
