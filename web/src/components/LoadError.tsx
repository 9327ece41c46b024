import { Alert, Button } from 'antd';
import { useT } from '../i18n';

/** A list that could not be loaded says so, with a retry: an empty list would read as "nothing to do". */
export function LoadError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useT();
  return (
    <Alert type="error" showIcon data-testid="load-error" style={{ marginBottom: 16 }}
      title={t('加载失败，列表可能不完整', 'Could not load; nothing is shown rather than a wrong list')}
      description={error.message}
      action={<Button size="small" danger onClick={onRetry} data-testid="retry">{t('重试', 'Retry')}</Button>} />
  );
}
