import { Tag } from 'antd';
import { useT } from '../i18n';

/** "代 张三 办理": the decision or task is someone else's, acted on for them (代理 / 转交). */
export function OnBehalfBadge({ name }: { name?: string }) {
  const { t } = useT();
  if (!name) return null;
  return <Tag color="geekblue" data-testid="on-behalf">{t(`代 ${name} 办理`, `on behalf of ${name}`)}</Tag>;
}

/** Who decided, and for whom when they decided on someone's behalf. */
export function DeciderName({ d }: { d: { actorName?: string; onBehalfOf?: { name: string } } }) {
  return <>{d.actorName}{d.onBehalfOf && <> <OnBehalfBadge name={d.onBehalfOf.name} /></>}</>;
}
