import { Card, Divider, Space, Table, Typography } from 'antd';
import { addYuan } from '../../../domain/money';
import { FINDING_LOAN_STATUSES, FINDING_RECORDER_ROLES } from '../../../domain/loan-finding';
import { RULES } from '../../../domain/rules';
import type { LoanDetail, LoanFinding } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { dateTime, yuan } from '../format';
import { RuleTag } from './RuleTags';
import { FindingForm } from './FindingForm';
import { CardLine, ResponsiveList } from './ResponsiveList';

/**
 * R-L2 转借企业情况: what was found re-lent to enterprises after disbursement, for everyone who may
 * read the loan; the finance director, finance reviewers and the treasury also record findings here.
 * One card per finding on a phone.
 */
export function FindingsCard({ detail, onChanged }: { detail: LoanDetail; onChanged: () => void }) {
  const { t } = useT();
  const { has } = useAuth();
  const { loan, findings } = detail;
  const disbursed = (FINDING_LOAN_STATUSES as readonly string[]).includes(loan.status);
  // Before disbursement no money has gone out, so there is nothing to find yet.
  if (!disbursed && !findings.length) return null;
  const mayRecord = disbursed && has(...FINDING_RECORDER_ROLES);
  const recorder = (f: LoanFinding) => f.recordedByName ?? f.recordedById;
  const total = findings.length ? yuan(addYuan(...findings.map((f) => f.amount))) : '';
  return (
    <Card data-testid="findings-card" title={<Space size={4}>{t('R-L2 转借企业情况', 'R-L2 Re-lending to enterprises')}<RuleTag id="R-L2" color={findings.length ? 'volcano' : undefined} /></Space>}>
      <Typography.Paragraph type="secondary">
        R-L2「{RULES['R-L2'].zh}」{loan.noOnLendingDeclared ? t('。借款单位申请时已声明不转借企业。', '. The borrower declared, when applying, that nothing is re-lent to an enterprise.') : ''}
      </Typography.Paragraph>
      <ResponsiveList<LoanFinding> items={findings} rowKey={(f) => f.id} number={(f) => f.id} testId="findings"
        empty={t('未发现转借企业情况', 'No re-lending found')} columns={[
          { title: t('发现日期', 'Found on'), dataIndex: 'foundOn', width: 110 },
          { title: t('企业', 'Enterprise'), dataIndex: 'enterprise' },
          { title: t('转借金额', 'Amount'), key: 'a', align: 'right', render: (_, f) => yuan(f.amount) },
          { title: t('情况', 'What was found'), dataIndex: 'description' },
          { title: t('登记人', 'Recorded by'), key: 'by', render: (_, f) => recorder(f) },
          { title: t('登记时间', 'Recorded at'), key: 'at', render: (_, f) => dateTime(f.recordedAt) },
        ]}
        table={{
          size: 'small', pagination: false,
          summary: () => findings.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>{t('合计', 'Total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right"><b>{total}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={3} colSpan={3} />
            </Table.Summary.Row>
          ) : null,
        }}
        card={(f) => <>
          <CardLine left={<b>{f.enterprise}</b>} right={<b>{yuan(f.amount)}</b>} />
          <Typography.Text>{f.description}</Typography.Text>
          <CardLine left={<Typography.Text type="secondary">{t(`发现于 ${f.foundOn}`, `Found on ${f.foundOn}`)}</Typography.Text>}
            right={<Typography.Text type="secondary">{recorder(f)} · {dateTime(f.recordedAt)}</Typography.Text>} />
        </>}
        cardsFooter={findings.length > 1 ? <CardLine left={t('合计', 'Total')} right={<b>{total}</b>} /> : undefined} />
      {mayRecord && (
        <>
          <Divider titlePlacement="start">{t('登记转借企业情况', 'Record a finding')}</Divider>
          <FindingForm loan={loan} onDone={onChanged} />
        </>
      )}
    </Card>
  );
}
