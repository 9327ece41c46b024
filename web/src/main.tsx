import './csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { LangProvider, useLang } from './i18n';
import { AuthProvider, useAuth } from './auth';
import { AppLayout } from './components/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { InboxPage } from './pages/InboxPage';
import { NewBudgetRequestPage } from './pages/NewBudgetRequestPage';
import { RequestListPage } from './pages/RequestListPage';
import { RequestPage } from './pages/RequestPage';
import { DashboardPage } from './pages/DashboardPage';
import { DashboardListPage } from './pages/DashboardListPage';
import { LoanListPage } from './pages/LoanListPage';
import { LoanPage } from './pages/LoanPage';
import { NewLoanPage } from './pages/NewLoanPage';
import { AdvancesPage } from './pages/AdvancesPage';
import { YearTurnPage } from './pages/YearTurnPage';
import { FiscalYearsPage } from './pages/FiscalYearsPage';
import { DutiesPage } from './pages/DutiesPage';
import { DUTIES_READERS } from './duties-api';
import { PolicyListPage } from './pages/chains/PolicyListPage';
import { NewPolicyPage } from './pages/chains/NewPolicyPage';
import { PolicyPage } from './pages/chains/PolicyPage';
import { ChangeOfUseListPage } from './pages/chains/ChangeOfUseListPage';
import { NewChangeOfUsePage } from './pages/chains/NewChangeOfUsePage';
import { ChangeOfUsePage } from './pages/chains/ChangeOfUsePage';
import { MeetingListPage } from './pages/meetings/MeetingListPage';
import { MeetingPage } from './pages/meetings/MeetingPage';
import { FISCAL_YEAR_READERS } from './fiscal-years-link';
import { FONT_FAMILY } from './font';
import { MoneyUnitProvider } from './money-unit';
import './app.css';
import { AbsencesPage } from './pages/AbsencesPage';

function Routed() {
  const { user, loading, has } = useAuth();
  if (loading) return <Spin style={{ margin: 80 }} />;
  if (!user) return <Routes><Route path="*" element={<LoginPage />} /></Routes>;
  const home = has('dept_clerk') ? '/budget-requests' : has('auditor', 'finance_director') ? '/dashboard' : '/tasks';
  return (
    <AppLayout>
      <Routes>
        <Route path="/" element={<Navigate to={home} replace />} />
        <Route path="/login" element={<Navigate to={home} replace />} />
        <Route path="/tasks" element={<InboxPage />} />
        <Route path="/tasks/:taskId" element={<InboxPage />} />
        <Route path="/consultations/:id" element={<Navigate to="/tasks?tab=consult" replace />} />
        <Route path="/absences" element={<AbsencesPage />} />
        <Route path="/budget-requests" element={<RequestListPage />} />
        <Route path="/budget-requests/new" element={<NewBudgetRequestPage />} />
        <Route path="/budget-requests/:id" element={<RequestPage />} />
        <Route path="/dashboard" element={<DashboardPage />} />
        <Route path="/dashboard/lists/:list" element={<DashboardListPage />} />
        <Route path="/loans" element={<LoanListPage />} />
        <Route path="/loans/new" element={<NewLoanPage />} />
        <Route path="/loans/:id" element={<LoanPage />} />
        <Route path="/policies" element={<PolicyListPage />} />
        <Route path="/policies/new" element={<NewPolicyPage />} />
        <Route path="/policies/:id" element={<PolicyPage />} />
        <Route path="/changes-of-use" element={<ChangeOfUseListPage />} />
        <Route path="/changes-of-use/new" element={<NewChangeOfUsePage />} />
        <Route path="/changes-of-use/:id" element={<ChangeOfUsePage />} />
        <Route path="/meetings" element={<MeetingListPage />} />
        <Route path="/meetings/:id" element={<MeetingPage />} />
        {has(...FISCAL_YEAR_READERS) && <Route path="/fiscal-years" element={<FiscalYearsPage />} />}
        {has(...FISCAL_YEAR_READERS) && <Route path="/advances" element={<AdvancesPage />} />}
        {has(...FISCAL_YEAR_READERS) && <Route path="/year-turn/:fromYear" element={<YearTurnPage />} />}
        {has(...DUTIES_READERS) && <Route path="/duties/*" element={<DutiesPage />} />}
        {has(...DUTIES_READERS) && <Route path="/reports/*" element={<DutiesPage />} />}
        <Route path="*" element={<Navigate to={home} replace />} />
      </Routes>
    </AppLayout>
  );
}

function Localised() {
  const { lang } = useLang();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { borderRadius: 6, motion: !navigator.webdriver, fontFamily: FONT_FAMILY } }}>
      <AntApp>
        <AuthProvider>
          <MoneyUnitProvider>
            <BrowserRouter>
              <Routed />
            </BrowserRouter>
          </MoneyUnitProvider>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LangProvider>
      <Localised />
    </LangProvider>
  </StrictMode>,
);
