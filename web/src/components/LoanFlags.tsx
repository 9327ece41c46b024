import { Tag, Tooltip } from 'antd';
import type { LoanFlag } from '../api';
import { useT } from '../i18n';

/** A loan's flags (R-L2 转借企业, R-L10 逾期未还) as tags with the rule's wording on hover; `except` leaves out those shown elsewhere. */
export function LoanFlagTags({ flags, except = [] }: { flags: LoanFlag[]; except?: string[] }) {
  const { l } = useT();
  return (
    <>
      {flags.filter((f) => !except.includes(f.ruleId)).map((f) => (
        <Tooltip key={f.ruleId} title={`${f.ruleId}「${f.rule}」`}>
          <Tag color={f.ruleId === 'R-L2' ? 'volcano' : 'red'} data-flag={f.ruleId}>{l(f)} {f.ruleId}</Tag>
        </Tooltip>
      ))}
    </>
  );
}
