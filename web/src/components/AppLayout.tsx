import { ReactNode, useState } from 'react';
import { ConfigProvider, Drawer, Grid, Layout, Menu, Segmented, Space, Button, Typography } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../auth';
import { useLang, useT } from '../i18n';
import { DUTIES_READERS } from '../duties-api';
import { FISCAL_YEAR_READERS } from '../fiscal-years-link';
import { MailEnglishSwitch } from './MailEnglishSwitch';
import { BUREAU_WIDE_ROLES } from '../../../domain/roles';

/**
 * Header with the sections a user's roles can use, the language switch and who is signed in. On a
 * phone (below antd's md, 768 px) the sections, the switch and the logout move into a drawer.
 */
export function AppLayout({ children }: { children: ReactNode }) {
  const { user, logout, has } = useAuth();
  const { lang, setLang } = useLang();
  const { t } = useT();
  const { pathname } = useLocation();
  const phone = !Grid.useBreakpoint().md;
  const [drawer, setDrawer] = useState(false);
  const items = [
    { key: '/tasks', label: <Link to="/tasks">{t('我的待办', 'My tasks')}</Link> },
    { key: '/budget-requests', label: <Link to="/budget-requests">{t('追加预算申请', 'Budget requests')}</Link> },
    ...(has('dept_clerk') ? [{ key: '/budget-requests/new', label: <Link to="/budget-requests/new">{t('新建申请', 'New request')}</Link> }] : []),
    { key: '/loans', label: <Link to="/loans">{t('借款', 'Loans')}</Link> },
    ...(has('dept_clerk') ? [{ key: '/loans/new', label: <Link to="/loans/new">{t('申请借款', 'Apply for a loan')}</Link> }] : []),
    { key: '/dashboard', label: <Link to="/dashboard">{t('财政看板', 'Dashboard')}</Link> },
    ...(has(...FISCAL_YEAR_READERS) ? [{ key: '/fiscal-years', label: <Link to="/fiscal-years">{t('财政数据', 'Fiscal years')}</Link> }] : []),
    ...(has(...FISCAL_YEAR_READERS) ? [{ key: '/advances', label: <Link to="/advances">{t('暂付款', 'Advances')}</Link> }] : []),
    ...(has(...DUTIES_READERS) ? [{ key: '/duties', label: <Link to="/duties">{t('报告与事项', 'Reports & duties')}</Link> }] : []),
    // last: where the header runs out of room, these fold into its overflow menu (…) first
    { key: '/policies', label: <Link to="/policies">{t('重大增支政策', 'Policies')}</Link> },
    { key: '/changes-of-use', label: <Link to="/changes-of-use">{t('预算调剂', 'Changes of use')}</Link> },
    ...(has(...BUREAU_WIDE_ROLES) ? [{ key: '/meetings', label: <Link to="/meetings">{t('会议', 'Meetings')}</Link> }] : []),
    ...(user?.roles.some((r) => r.id !== 'auditor') ? [{ key: '/absences', label: <Link to="/absences" data-testid="menu-absences">{t('我的代理', 'My absences')}</Link> }] : []),
  ];
  const selected = items.map((i) => i.key).filter((k) => pathname === k || pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0];
  const langSwitch = (
    <Segmented size="small" value={lang} onChange={(v) => setLang(v as 'zh' | 'en')}
      options={[{ label: '中文', value: 'zh' }, { label: 'English', value: 'en' }]} data-testid="lang-switch" />
  );
  const who = <>{user?.displayName}{user?.unit ? ` · ${user.unit.name}` : ''}</>;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header" style={{ display: 'flex', alignItems: 'center', gap: phone ? 12 : 24, background: '#8c1515', paddingInline: phone ? 12 : 24 }}>
        {phone && (
          <Button type="text" icon={<MenuOutlined style={{ color: '#fff', fontSize: 20 }} />} onClick={() => setDrawer(true)}
            aria-label={t('菜单', 'Menu')} data-testid="menu-button" />
        )}
        <Typography.Text style={{ color: '#fff', fontSize: phone ? 16 : 18, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0, flex: phone ? 1 : undefined }}>
          {t('县级财政审批系统', 'County finance approvals')}
        </Typography.Text>
        {!phone && (
          <>
            <ConfigProvider theme={{ components: { Menu: { darkItemBg: 'transparent', darkItemSelectedBg: 'rgba(0,0,0,0.3)' } } }}>
              <Menu theme="dark" mode="horizontal" selectedKeys={selected ? [selected] : []} items={items}
                style={{ flex: 1, minWidth: 0, background: 'transparent' }} />
            </ConfigProvider>
            <Space>
              <MailEnglishSwitch light />
              {langSwitch}
              <Typography.Text style={{ color: '#fff' }} data-testid="current-user">{who}</Typography.Text>
              <Button size="small" onClick={logout}>{t('退出', 'Log out')}</Button>
            </Space>
          </>
        )}
        {phone && <Typography.Text style={{ color: '#fff', fontSize: 12, maxWidth: 110, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} data-testid="current-user">{user?.displayName}</Typography.Text>}
      </Layout.Header>
      {phone && (
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={280} title={who} data-testid="menu-drawer"
          footer={<Space style={{ width: '100%', justifyContent: 'space-between' }}>{langSwitch}<Button onClick={logout}>{t('退出', 'Log out')}</Button></Space>}>
          <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={items} onClick={() => setDrawer(false)} style={{ borderInlineEnd: 'none' }} />
          <div style={{ padding: '16px 24px' }}><MailEnglishSwitch /></div>
        </Drawer>
      )}
      <Layout.Content style={{ padding: phone ? 8 : 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}>{children}</Layout.Content>
    </Layout>
  );
}
