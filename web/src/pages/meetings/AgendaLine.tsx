import { Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../i18n';
import { yuan } from '../../format';
import type { AgendaSubject } from '../../meetings-api';

const SUBJECT_LABELS = { budget: { zh: '追加预算', en: 'Budget' }, loan: { zh: '借款', en: 'Loan' }, policy: { zh: '重大增支政策', en: 'Policy' } };

/** An agenda line: kind, number (linked), title, amount and unit, and the step it waits at; wraps on a phone. */
export function AgendaLine({ s }: { s: AgendaSubject }) {
  const { t, l } = useT();
  return (
    <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
      <Space wrap size={4}>
        <Tag>{l(SUBJECT_LABELS[s.subjectType])}</Tag>
        <Link to={s.path}><b>{s.number}</b></Link>
        <b>{yuan(s.amount)}</b>{s.subjectType === 'policy' && <span>{t('（每年）', '(yearly)')}</span>}
      </Space>
      <Typography.Text style={{ wordBreak: 'break-word' }}>{s.title}</Typography.Text>
      <Typography.Text type="secondary">{s.unitName} · {l(s.stepLabel)}</Typography.Text>
    </Space>
  );
}
