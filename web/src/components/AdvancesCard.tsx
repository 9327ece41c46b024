import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { AGEING, AgeingBucket } from '../../../domain/loan';
import { RULES } from '../../../domain/rules';
import { subYuan } from '../../../domain/money';
import { api, AdvancesPosition } from '../api';
import { useT } from '../i18n';
import { useMoney } from '../money-unit';
import { yuan } from '../format';
import { EChart } from './EChart';
import { RuleTag } from './RuleTags';
import { fiscalYearLink } from '../fiscal-years-link';
import { ByOriginTable } from './ByOriginTable';

/** R-L8 / R-M2: outstanding advances against the 5% cap as a gauge, and overdue loans by age (R-L10). */
export function AdvancesCard({ fiscalYear }: { fiscalYear: number }) {
  const { t, lang } = useT();
  const { money } = useMoney();
  const [p, setP] = useState<AdvancesPosition | null>(null);
  const [hidden, setHidden] = useState(false);
  // Clerks are not shown the county-wide position (the API answers 403): the card then stays away.
  useEffect(() => { api.get<{ position: AdvancesPosition }>(`/advances/${fiscalYear}`).then((r) => setP(r.position)).catch(() => setHidden(true)); }, [fiscalYear]);
  const cap = Number(p?.capPercent ?? '5');
  const gauge = useMemo(() => p && {
    series: [{
      type: 'gauge', min: 0, max: cap + 1, splitNumber: cap + 1, radius: '88%', center: ['50%', '55%'], startAngle: 210, endAngle: -30,
      axisLine: { lineStyle: { width: 16, color: [[(cap * 0.8) / (cap + 1), '#52c41a'], [cap / (cap + 1), '#faad14'], [1, '#cf1322']] } },
      axisLabel: { formatter: '{value}%', distance: 22 }, pointer: { width: 5 },
      detail: { show: false },
      title: { show: false },
      // Two pointers: what is out now, and what R-L8 counts (approved, not yet disbursed, included).
      // Drawing needs numbers; the exact figures are the text under the gauge.
      data: [
        { value: Number(p.ratioPercent), name: t('未还', 'Outstanding'), itemStyle: { color: '#1677ff' } },
        { value: Number(p.heldPercent), name: t('含已批未放', 'With approved'), itemStyle: { color: '#fa8c16' } },
      ],
    }],
  }, [p, lang]); // eslint-disable-line react-hooks/exhaustive-deps
  if (hidden) return null;
  // County-wide (R-L8 counts every year's loans): the lists carry no year.
  const list = (q: Record<string, string>) => `/loans?${new URLSearchParams(q)}`;
  return (
    <Card title={<>{t('暂付款规模与逾期借款', 'Advances and overdue loans')} <RuleTag id="R-L8" /> <RuleTag id="R-L10" /></>} data-testid="advances-card" loading={!p}>
      {p?.overCap && (
        // The director lowered the figures below what is already held: say so, and by how much.
        <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="over-cap-alert"
          title={<><b>R-L8</b>「{RULES['R-L8'].zh}」</>}
          description={<>
            {t(`已占用暂付款 ${yuan(p.held)}（未还 ${yuan(p.outstanding)} + 已批未放 ${yuan(p.reserved)}）超过上限 ${yuan(p.cap)}，超出 `,
              `Advances held, ${yuan(p.held)} (${yuan(p.outstanding)} outstanding + ${yuan(p.reserved)} approved, not disbursed), exceed the cap of ${yuan(p.cap)} by `)}
            <b data-testid="over-cap-excess">{yuan(p.excess)}</b>
            {t('；回落到上限以内之前不能再批准借款。', '; no loan can be approved until they are back within it. ')}
            <Link to={fiscalYearLink(fiscalYear)}>{t('查看年度财政数据', 'See the fiscal-year figures')}</Link>
          </>} />
      )}
      {p && (
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <EChart option={gauge!} height={240} testId="advances-gauge" />
            <Typography.Paragraph style={{ textAlign: 'center', marginBottom: 4 }}>
              <span style={{ color: '#1677ff' }}>●</span> {t('未还', 'Outstanding')} <b data-testid="adv-ratio">{p.ratioPercent}%</b>
              {'　'}<span style={{ color: '#fa8c16' }}>●</span> {t('含已批未放', 'With approved')} <b data-testid="adv-held-ratio">{p.heldPercent}%</b>
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12 }}>
              {t(`暂付款占一般公共预算和政府性基金预算支出之和的比例；R-L8 按含已批未放计，上限 ${p.capPercent}%`,
                `Advances as a share of general and fund budget expenditure; R-L8 counts approved loans too; cap ${p.capPercent}%`)}
            </Typography.Paragraph>
          </Col>
          <Col xs={24} md={14}>
            <Row gutter={[12, 12]}>
              <Col xs={24} sm={12}><Link to={"/advances"} data-testid="adv-outstanding"><Statistic title={t('未还暂付款', 'Outstanding')} value={money(p.outstanding)} /></Link></Col>
              <Col xs={24} sm={12}><Link to={list({ status: 'approved' })} data-testid="adv-reserved"><Statistic title={t('已批未放', 'Approved, not disbursed')} value={money(p.reserved)} /></Link></Col>
              {/* The cap and headroom come from the year's figures: they open that year on the figures page. */}
              <Col xs={24} sm={12}><Link to={fiscalYearLink(fiscalYear)} data-testid="adv-cap"><Statistic title={t('上限（支出×5%）', 'Cap (5% of expenditure)')} value={money(p.cap)} /></Link></Col>
              <Col xs={24} sm={12}><Link to={fiscalYearLink(fiscalYear)} data-testid="adv-headroom"><Statistic title={t('剩余额度', 'Headroom')} value={money(p.headroom)}
                styles={p.overCap ? { content: { color: '#cf1322' } } : undefined} /></Link></Col>
            </Row>
            <Table size="small" style={{ marginTop: 12 }} rowKey="bucket" pagination={false} data-testid="ageing"
              // The loans' part of each bucket opens the loan list; the opening stock's part opens the ledger.
              dataSource={Object.entries(p.overdue.ageing).map(([bucket, v]) => {
                const stock = p.stockAgeing?.[bucket] ?? { count: 0, outstanding: '0.00' };
                return { bucket, count: v.count - stock.count, outstanding: subYuan(v.outstanding, stock.outstanding), stock };
              })} columns={[
                { title: t('逾期账龄', 'Overdue'), key: 'b', render: (_, r) => AGEING[r.bucket as AgeingBucket]?.[lang] ?? r.bucket },
                // Each number opens the list of exactly its bucket (same year, same China date as this card).
                { title: t('笔数', 'Loans'), key: 'c', align: 'right', render: (_, r) => <Link to={list({ overdueBucket: r.bucket })} data-testid={`ageing-${r.bucket}`}>{r.count}</Link> },
                { title: t('未还', 'Outstanding'), key: 'o', align: 'right', render: (_, r) => <Link to={list({ overdueBucket: r.bucket })} data-testid={`ageing-${r.bucket}-outstanding`}>{money(r.outstanding)}</Link> },
                { title: t('存量暂付款', 'Opening stock'), key: 's', align: 'right', render: (_, r) => <Link to="/advances" data-testid={`ageing-${r.bucket}-stock`}>{r.stock.count} · {money(r.stock.outstanding)}</Link> },
              ]} />
            <div style={{ marginTop: 12 }}><ByOriginTable position={p} /></div>
            <Link to="/advances" data-testid="reduction-plan-link">{t('暂付款台账与消化方案进度（R-L11）', 'Ledger and reduction-plan progress (R-L11)')}</Link>{'　'}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`截至 ${p.asOf}`, `as of ${p.asOf}`)}</Typography.Text>
          </Col>
        </Row>
      )}
    </Card>
  );
}
