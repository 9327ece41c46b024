import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useAuth } from '../auth';
import { useLang, useT } from '../i18n';
import { ErrorAlert } from '../components/RuleTags';

export function LoginPage() {
  const { login, expired } = useAuth();
  const { lang, setLang } = useLang();
  const { t } = useT();
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try { await login(v.username, v.password); } catch (e) { setError(e as Error); } finally { setBusy(false); }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 380, maxWidth: 'calc(100vw - 24px)' }}>
        <Segmented size="small" value={lang} onChange={(v) => setLang(v as 'zh' | 'en')} style={{ float: 'right' }}
          options={[{ label: '中文', value: 'zh' }, { label: 'English', value: 'en' }]} />
        <Typography.Title level={3}>{t('县级财政审批系统', 'County finance approvals')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('追加预算与借款审批', 'Supplementary budgets and loans')}</Typography.Paragraph>
        {expired && <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="session-expired"
          title={t('登录已过期，请重新登录', 'Your session has expired; please log in again')} />}
        <Form layout="vertical" onFinish={submit}>
          <Form.Item name="username" label={t('用户名', 'Username')} rules={[{ required: true, message: t('请输入用户名', 'Enter your username') }]}>
            <Input autoComplete="username" id="username" />
          </Form.Item>
          <Form.Item name="password" label={t('密码', 'Password')} rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}>
            <Input.Password autoComplete="current-password" id="password" />
          </Form.Item>
          <ErrorAlert error={error} />
          <Button type="primary" htmlType="submit" block loading={busy} style={{ marginTop: 12 }} data-testid="login-submit">{t('登录', 'Log in')}</Button>
        </Form>
      </Card>
    </div>
  );
}
