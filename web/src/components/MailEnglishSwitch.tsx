import { useState } from 'react';
import { App, Checkbox, Tooltip } from 'antd';
import { api, User } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';

/** Whether my e-mails carry their English lines (Chinese always comes first); saved on the server. */
export function MailEnglishSwitch({ light }: { light?: boolean }) {
  const { user } = useAuth();
  const { t } = useT();
  const { message } = App.useApp();
  const [on, setOn] = useState(user?.preferences?.mailEnglish ?? true);
  const change = async (v: boolean) => {
    setOn(v);
    try { await api.put<{ user: User }>('/me/preferences', { mailEnglish: v }); } catch (e) { setOn(!v); message.error(String((e as Error).message)); }
  };
  return (
    <Tooltip title={t('邮件正文先中文；勾选后附英文', 'E-mails are Chinese first; tick to add the English lines')}>
      <Checkbox checked={on} onChange={(e) => void change(e.target.checked)} data-testid="mail-english" style={light ? { color: '#fff' } : undefined}>
        {t('邮件附英文', 'English in e-mails')}
      </Checkbox>
    </Tooltip>
  );
}
