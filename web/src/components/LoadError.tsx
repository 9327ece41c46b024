import { Alert, Button } from 'antd';
import { useT } from '../i18n';

/**
 * A read that failed says so, with a retry: an empty list would read as "nothing to do", and zeros
 * on the dashboard as figures.
 */
export function LoadError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useT();
  return (
    <Alert type="error" showIcon data-testid="load-error" style={{ marginBottom: 16 }}
      title={t('加载失败，以下内容未能显示，请重试', 'Could not load; nothing is shown rather than something wrong — please retry')}
      description={error.message}
      action={<Button size="small" danger onClick={onRetry} data-testid="retry">{t('重试', 'Retry')}</Button>} />
  );
}
