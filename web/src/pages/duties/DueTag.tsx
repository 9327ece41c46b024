import { Tag } from 'antd';
import { useT } from '../../i18n';
import { dateTime } from '../../format';

/** A duty's state as a tag: submitted, late, or due by its deadline. */
export function DueTag({ late, done, dueAt }: { late: boolean; done: boolean; dueAt: string }) {
  const { t } = useT();
  if (done) return <Tag color="green">{late ? t('已报送（逾期）', 'Submitted late') : t('已报送', 'Submitted')}</Tag>;
  return late ? <Tag color="red">{t('已逾期', 'Late')}</Tag> : <Tag color="orange">{t(`应于 ${dateTime(dueAt)} 前`, `Due ${dateTime(dueAt)}`)}</Tag>;
}
