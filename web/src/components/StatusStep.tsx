import { Tag } from 'antd';
import type { Label } from '../api';
import { useT } from '../i18n';

/** A status tag and the step it stands at, the step left out where it only repeats the status (还款期 还款期). */
export function StatusStep({ labels, status, step }: { labels: Record<string, Label & { color: string }>; status: string; step: Label }) {
  const { l, lang } = useT();
  const s = labels[status];
  const statusText = s?.[lang] ?? status;
  return <><Tag color={s?.color}>{statusText}</Tag>{l(step) !== statusText && l(step)}</>;
}
