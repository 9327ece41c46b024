import { Alert, Tag, Tooltip } from 'antd';
import { RULES, RuleId } from '../../../domain/rules';
import type { ApiError, RuleFlag } from '../api';
import { useT } from '../i18n';

/** A rule ID with the plan's Chinese wording on hover, so a reader can see why it applies. */
export function RuleTag({ id, color }: { id: string; color?: string }) {
  const rule = RULES[id as RuleId];
  return (
    <Tooltip title={rule ? <>{rule.zh}<br />{rule.en}</> : id}>
      <Tag color={color} data-rule={id}>{id}</Tag>
    </Tooltip>
  );
}

// Rule flags the API puts on a request or a loan, each with its own colour.
const FLAG_COLORS: Record<string, string> = { 'R-B5': 'red', 'R-B4': 'orange', 'R-L2': 'volcano', 'R-L10': 'red', 'R-M2': 'magenta' };

/**
 * A request's or a loan's rule flags (三保 R-B5, 一般性支出 R-B4, 转借企业 R-L2, 逾期 R-L10, 重点单位 R-M2) as tags
 * labelled by the API, with the rule's wording on hover; `except` leaves out those shown elsewhere.
 */
export function FlagBadges({ flags, except = [] }: { flags: RuleFlag[]; except?: string[] }) {
  const { l } = useT();
  return (
    <>
      {flags.filter((f) => !except.includes(f.ruleId)).map((f) => (
        <Tooltip key={f.ruleId} title={`${f.ruleId}「${f.rule}」`}>
          <Tag color={FLAG_COLORS[f.ruleId] ?? 'default'} data-flag={f.ruleId}>{l(f)} {f.ruleId}</Tag>
        </Tooltip>
      ))}
    </>
  );
}

/** The rules of the plan a step of the R-B2 chain applies (beyond the request's own flags). */
export const STEP_RULES: Record<string, string[]> = {
  finance_review: ['R-B2', 'R-B3'],
  leader_briefing: ['R-B2'],
  executive_meeting: ['R-B2'],
  npc_approval: ['R-B2', 'R-B6'],
  revision: ['R-B2'],
};

/** The rules each step of the loan chain applies. */
export const LOAN_STEP_RULES: Record<string, string[]> = {
  finance_review: ['R-L8'],
  executive_meeting: ['R-L6'],
  disbursement: ['R-L8', 'R-L4', 'R-L7'],
};

/** A rule violation as one line under a form field: rule ID, the plan's wording, and what was wrong in the reader's language. */
export function violationText(v: { ruleId: string; zh: string; detail: string }, lang: 'zh' | 'en'): string {
  const parts = v.detail.split(' / ');
  return `${v.ruleId}「${v.zh}」：${lang === 'zh' ? parts[0] : parts[parts.length - 1]}`;
}

/** A refusal from the API: rule IDs with the plan's Chinese wording, or the plain message. */
export function ErrorAlert({ error }: { error: ApiError | Error | null }) {
  const { t } = useT();
  if (!error) return null;
  const e = error as ApiError;
  if (e.violations?.length) {
    return (
      <Alert type="error" showIcon data-testid="violations" title={t('不符合规定，未能提交', 'Refused by the plan’s rules')}
        description={<ul style={{ margin: 0, paddingLeft: 18 }}>{e.violations.map((v, i) => (
          <li key={i}><b>{v.ruleId}</b>「{v.zh}」<br /><span style={{ color: '#666' }}>{v.detail}</span></li>
        ))}</ul>} />
    );
  }
  return <Alert type="error" showIcon title={e.message} data-testid="error" />;
}
