import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Space, Statistic, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api, AdvancesPosition, ApiError, LedgerRow, Milestone, ReductionPlan, StockRowError } from '../api';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { yuan } from '../format';
import { EChart } from '../components/EChart';
import { ErrorAlert } from '../components/RuleTags';
import { ByOriginTable } from '../components/ByOriginTable';
import { CardLine, ResponsiveList } from '../components/ResponsiveList';

const STATUS_COLOR: Record<Milestone['status'], string> = { met: 'green', missed: 'red', at_risk: 'orange', on_track: 'blue', unknown: 'default' };
const STATUS_LABEL: Record<Milestone['status'], [string, string]> = {
  met: ['已完成', 'Met'], missed: ['未完成', 'Missed'], at_risk: ['预计无法完成', 'At risk'], on_track: ['进度正常', 'On track'], unknown: ['无数据', 'No data'],
};

/**
 * 暂付款台账 The county's advances (R-L8, R-L11): the balance by origin against the current year's cap,
 * the reduction plan's balance-vs-target chart and milestones, the ledger with irregular lending first
 * for recovery, and (finance director) the opening stock by form or Excel import. Every list is one
 * card per entry on a phone.
 */
export function AdvancesPage() {
  const { t, lang } = useT();
  const { has } = useAuth();
  const director = has('finance_director');
  const [position, setPosition] = useState<AdvancesPosition | null>(null);
  const [positionError, setPositionError] = useState<string | null>(null);
  const [plan, setPlan] = useState<ReductionPlan | null>(null);
  const [ledger, setLedger] = useState<LedgerRow[]>([]);
  const reload = useCallback(() => {
    api.get<{ position: AdvancesPosition }>('/advances').then((r) => setPosition(r.position)).catch((e: ApiError) => setPositionError(e.message));
    api.get<ReductionPlan>('/advances/reduction-plan').then(setPlan);
    api.get<{ items: LedgerRow[] }>('/advances/ledger?status=open').then((r) => setLedger(r.items));
  }, []);
  useEffect(reload, [reload]);
  const ledgerNumber = (a: LedgerRow) => (a.loanId ? <Link to={`/loans/${a.loanId}`}>{a.number}</Link> : a.number);
  const recoverFirst = (a: LedgerRow) => a.recoverFirst && <Tag color="red" data-testid="recover-first">{t('优先清收', 'Recover first')}</Tag>;
  const kind = (a: LedgerRow) => a.kindLabel?.[lang] ?? a.kind;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('全县暂付款余额（R-L8）', 'County advances balance (R-L8)')} data-testid="advances-position">
        {positionError && <Alert type="warning" showIcon title={positionError} />}
        {position && (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={24} sm={12} md={6}><Statistic title={t('余额', 'Outstanding')} value={yuan(position.outstanding)} data-testid="adv-outstanding" /></Col>
              <Col xs={24} sm={12} md={6}><Statistic title={t('已批未放', 'Approved, not disbursed')} value={yuan(position.reserved)} /></Col>
              <Col xs={24} sm={12} md={6}><Statistic title={`${t('上限', 'Cap')} (${position.fiscalYear})`} value={yuan(position.cap)} /></Col>
              <Col xs={24} sm={12} md={6}><Statistic title={t('剩余额度', 'Headroom')} value={yuan(position.headroom)} valueStyle={position.overCap ? { color: '#cf1322' } : undefined} /></Col>
            </Row>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t(`占支出比例 ${position.heldPercent}%（上限 5%），按 ${position.fiscalYear} 年度（北京时间）支出计算`, `${position.heldPercent}% of expenditure (cap 5%), against ${position.fiscalYear}'s figures (China time)`)}
            </Typography.Paragraph>
            <ByOriginTable position={position} />
          </>
        )}
      </Card>

      {plan && <ReductionPlanCard plan={plan} director={director} onSaved={reload} />}

      {director && <OpeningStockCard onSaved={reload} />}

      <Card title={t('暂付款台账（违规出借优先清收，R-L11）', 'Ledger (irregular lending recovered first, R-L11)')}>
        <ResponsiveList<LedgerRow> items={ledger} rowKey={(a) => a.id} number={(a) => a.number} testId="ledger" table={{ size: 'small' }}
          empty={t('暂无未清的暂付款', 'No open advances')} columns={[
            { title: t('编号', 'No.'), render: (_, a) => ledgerNumber(a) },
            { title: t('债务人', 'Debtor'), render: (_, a) => <>{a.debtor} {recoverFirst(a)}</> },
            { title: t('性质', 'Kind'), render: (_, a) => kind(a) },
            { title: t('发生日期', 'Arisen'), dataIndex: 'arisenOn' },
            { title: t('余额（元）', 'Outstanding'), align: 'right', render: (_, a) => yuan(a.outstanding) },
            { title: t('责任人', 'Officer'), dataIndex: 'responsibleOfficer' },
          ]}
          card={(a) => <>
            <CardLine left={ledgerNumber(a)} right={<b>{yuan(a.outstanding)}</b>} />
            <CardLine left={<span>{a.debtor} {recoverFirst(a)}</span>} right={kind(a)} />
            <CardLine left={<Typography.Text type="secondary">{t(`发生于 ${a.arisenOn}`, `Arisen ${a.arisenOn}`)}</Typography.Text>}
              right={a.responsibleOfficer && <Typography.Text type="secondary">{t('责任人', 'Officer')} {a.responsibleOfficer}</Typography.Text>} />
          </>} />
      </Card>
    </Space>
  );
}

/** Balance over time against the plan's target line, with each milestone's status; the director adds milestones. */
function ReductionPlanCard({ plan, director, onSaved }: { plan: ReductionPlan; director: boolean; onSaved: () => void }) {
  const { t } = useT();
  const [form] = Form.useForm<{ dueOn?: { format: (f: string) => string }; target?: string }>();
  const [error, setError] = useState<ApiError | null>(null);
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('余额', 'Balance'), t('消化目标', 'Target')] },
    grid: { left: 90, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value' },
    series: [
      // Amounts are exact strings; the chart only draws them.
      { name: t('余额', 'Balance'), type: 'line', data: plan.history.map((p) => [p.day, p.outstanding]) },
      { name: t('消化目标', 'Target'), type: 'line', step: 'end', lineStyle: { type: 'dashed' }, data: plan.milestones.map((m) => [m.dueOn, m.target]) },
    ],
  }), [plan, t]);
  const balance = (m: Milestone) => `${yuan(m.balance)}${m.projected ? ` → ${yuan(m.projected)}` : ''}`;
  const status = (m: Milestone) => <Tag color={STATUS_COLOR[m.status]} data-testid={`milestone-${m.dueOn}`}>{t(...STATUS_LABEL[m.status])}</Tag>;
  const add = async () => {
    const v = form.getFieldsValue();
    setError(null);
    try {
      await api.post('/advances/reduction-plan/milestones', { dueOn: v.dueOn?.format('YYYY-MM-DD'), target: v.target?.trim() });
      form.resetFields();
      onSaved();
    } catch (e) { setError(e as ApiError); }
  };
  return (
    <Card title={t('暂付款消化方案（R-L11）', 'Reduction plan (R-L11)')} data-testid="reduction-plan">
      <EChart option={option} height={300} testId="reduction-chart" />
      <ResponsiveList<Milestone> items={plan.milestones} rowKey={(m) => m.id} number={(m) => m.dueOn} testId="milestones" table={{ size: 'small', pagination: false }}
        empty={t('尚无消化目标', 'No milestones yet')} columns={[
          { title: t('期限', 'Due'), dataIndex: 'dueOn' },
          { title: t('目标余额不超过（元）', 'Balance at most'), align: 'right', render: (_, m) => yuan(m.target) },
          { title: t('余额 / 预计', 'Balance / projected'), align: 'right', render: (_, m) => balance(m) },
          { title: t('状态', 'Status'), render: (_, m) => status(m) },
        ]}
        card={(m) => <>
          <CardLine left={<b>{t(`${m.dueOn} 前`, `By ${m.dueOn}`)}</b>} right={status(m)} />
          <CardLine left={t('目标余额不超过', 'Balance at most')} right={yuan(m.target)} />
          <CardLine left={t('余额 / 预计', 'Balance / projected')} right={balance(m)} />
        </>} />
      {director && (
        <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }}>
          <Form.Item name="dueOn" label={t('期限', 'Due')}><DatePicker id="milestoneDueOn" /></Form.Item>
          <Form.Item name="target" label={t('余额不超过（元）', 'At most (yuan)')}><Input id="milestoneTarget" placeholder="5000000.00" style={{ width: 160 }} /></Form.Item>
          <Button onClick={add} data-testid="add-milestone">{t('添加目标', 'Add milestone')}</Button>
        </Form>
      )}
      <ErrorAlert error={error} />
    </Card>
  );
}

/** Opening stock (存量暂付款) from the template: the whole file or nothing, every bad cell named. */
function OpeningStockCard({ onSaved }: { onSaved: () => void }) {
  const { t } = useT();
  const [result, setResult] = useState<{ added: number; skipped: number; amount: string } | null>(null);
  const [rows, setRows] = useState<StockRowError[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const upload = async (file: File) => {
    setResult(null); setRows([]); setError(null);
    try {
      setResult(await api.upload('/advances/opening-stock/import', file));
      onSaved();
    } catch (e) {
      const err = e as ApiError;
      if (err.rows?.length) setRows(err.rows); else setError(err);
    }
    return false;
  };
  return (
    <Card title={t('存量暂付款导入', 'Opening stock import')} data-testid="opening-stock">
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={() => api.download('/advances/opening-stock/template', '存量暂付款导入模板.xlsx')} data-testid="stock-template">
          {t('下载模板', 'Download template')}
        </Button>
        <Upload accept=".xlsx" showUploadList={false} beforeUpload={upload}>
          <Button icon={<UploadOutlined />} type="primary" data-testid="stock-upload">{t('上传 Excel', 'Upload .xlsx')}</Button>
        </Upload>
      </Space>
      {result && (
        <Alert type="success" showIcon style={{ marginTop: 12 }} data-testid="import-result"
          title={t(`新增 ${result.added} 笔，合计 ${yuan(result.amount)}；已登记过的 ${result.skipped} 笔未重复导入`, `Added ${result.added} (${yuan(result.amount)}); ${result.skipped} already in the ledger`)} />
      )}
      {rows.length > 0 && (
        <>
          <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('文件有不合格的行，整份未导入，请修改后重新上传', 'The file has bad rows; nothing was imported')} />
          <ResponsiveList<StockRowError> items={rows} rowKey={(r) => `${r.row}-${r.column}`} number={(r) => `${r.row}-${r.column}`} testId="import-errors"
            table={{ size: 'small', pagination: false }} empty="" columns={[
              { title: t('行', 'Row'), dataIndex: 'row' }, { title: t('列', 'Column'), dataIndex: 'column' }, { title: t('问题', 'Problem'), dataIndex: 'message' },
            ]}
            card={(r) => <>
              <CardLine left={<b>{t(`第 ${r.row} 行`, `Row ${r.row}`)}</b>} right={r.column} />
              <Typography.Text type="danger">{r.message}</Typography.Text>
            </>} />
        </>
      )}
      <ErrorAlert error={error} />
    </Card>
  );
}
