import { Alert, Descriptions, List, Tag, Typography } from 'antd';
import type { BeforeAfter, DecisionContext } from '../api';
import { useT } from '../i18n';
import { dateTime, yuan } from '../format';
import { RuleTag } from './RuleTags';

/** "¥a → ¥b" with the after figure in red when it goes below zero. */
function Moves({ figure, testId }: { figure: BeforeAfter; testId: string }) {
  const negative = figure.after.startsWith('-');
  return (
    <span data-testid={testId}>
      <span data-testid={`${testId}-before`}>{yuan(figure.before)}</span>{' → '}
      <Typography.Text type={negative ? 'danger' : undefined} strong data-testid={`${testId}-after`}>{yuan(figure.after)}</Typography.Text>
    </span>
  );
}

/**
 * The money a decision moves: the year's remaining available resources without and with this
 * request (R-B3), or the county's advances headroom without and with this loan (R-L8) and what the
 * borrower already owes; then the opinions given earlier in the chain.
 */
export function DecisionFigures({ context, step }: { context: DecisionContext | null; step: string }) {
  const { t, l } = useT();
  if (!context) return null;
  const { resources, advances, borrower, opinions } = context;
  const showOpinions = opinions.length > 0 && (step === 'executive_meeting' || step === 'npc_approval' || step === 'leader_briefing');
  return (
    <div data-testid="decision-figures" style={{ marginBottom: 16 }}>
      {resources && (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }} items={[
          { key: 'r', label: <>{t(`${resources.fiscalYear}年剩余可用财力`, `FY${resources.fiscalYear} remaining resources`)} <RuleTag id="R-B3" /></>,
            children: <><Moves figure={resources} testId="resources" /><br /><Typography.Text type="secondary">{t('不含本申请 → 含本申请', 'without → with this request')}</Typography.Text></> },
        ]} />
      )}
      {advances && (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }} items={[
          { key: 'h', label: <>{t('暂付款上限余量', 'Advances headroom')} <RuleTag id="R-L8" /></>,
            children: <><Moves figure={advances} testId="headroom" /><br /><Typography.Text type="secondary">{t(`不含本笔 → 含本笔；上限 ${yuan(advances.cap)}`, `without → with this loan; cap ${yuan(advances.cap)}`)}</Typography.Text></> },
          ...(borrower ? [{
            key: 'b', label: t('借款单位未还借款', 'Borrower’s loans outstanding'),
            children: (
              <span data-testid="borrower-owes">
                {t(`${borrower.outstandingCount} 笔，未还 ${yuan(borrower.outstanding)}`, `${borrower.outstandingCount} loans, ${yuan(borrower.outstanding)} outstanding`)}
                {borrower.overdueCount > 0
                  ? <><br /><Tag color="red" data-testid="borrower-overdue">{t(`逾期 ${borrower.overdueCount} 笔 ${yuan(borrower.overdue)}`, `${borrower.overdueCount} overdue, ${yuan(borrower.overdue)}`)} R-L10</Tag></>
                  : <><br /><Typography.Text type="secondary" data-testid="borrower-overdue">{t('无逾期借款', 'none overdue')}</Typography.Text></>}
              </span>
            ),
          }] : []),
        ]} />
      )}
      {(resources?.after.startsWith('-') || advances?.after.startsWith('-')) && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('同意后将超出上限，系统会按规则拒绝', 'Approving would exceed the limit; the rules will refuse it')} />
      )}
      {showOpinions && (
        <List size="small" bordered data-testid="earlier-opinions" header={<b>{t('前序意见', 'Earlier opinions')}</b>} dataSource={opinions}
          renderItem={(o) => (
            <List.Item>
              <div>
                <div><b>{l(o.stepLabel)}</b> · {o.actorName} · {l(o.actionLabel)}</div>
                {o.comment && <div>「{o.comment}」</div>}
                {o.meetingReference && <div>{t('会议：', 'Meeting: ')}{o.meetingReference}</div>}
                <Typography.Text type="secondary">{dateTime(o.decidedAt)}</Typography.Text>
              </div>
            </List.Item>
          )} />
      )}
    </div>
  );
}
