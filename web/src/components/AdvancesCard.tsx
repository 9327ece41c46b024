import { useEffect, useMemo, useState } from 'react';
import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { AGEING, AgeingBucket } from '../../../domain/loan';
import { api, AdvancesPosition } from '../api';
import { useT } from '../i18n';
import { yuan } from '../format';
import { EChart } from './EChart';
import { RuleTag } from './RuleTags';

/** R-L8 / R-M2: outstanding advances against the 5% cap as a gauge, and overdue loans by age (R-L10). */
export function AdvancesCard({ fiscalYear }: { fiscalYear: number }) {
  const { t, lang } = useT();
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
      detail: { formatter: `${p.ratioPercent}%`, fontSize: 20, offsetCenter: [0, '62%'] },
      title: { show: false },
      // Drawing needs a number; the text above stays the exact figure.
      data: [{ value: Number(p.ratioPercent), name: t(`暂付款占支出比例（上限${p.capPercent}%）`, `advances / expenditure (cap ${p.capPercent}%)`) }],
    }],
  }, [p, lang]); // eslint-disable-line react-hooks/exhaustive-deps
  if (hidden) return null;
  const list = (q: Record<string, string>) => `/loans?${new URLSearchParams({ fiscalYear: String(fiscalYear), ...q })}`;
  return (
    <Card title={<>{t('暂付款规模与逾期借款', 'Advances and overdue loans')} <RuleTag id="R-L8" /> <RuleTag id="R-L10" /></>} data-testid="advances-card" loading={!p}>
      {p && (
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <EChart option={gauge!} height={240} testId="advances-gauge" />
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12 }}>
              {t(`未还暂付款占一般公共预算和政府性基金预算支出之和的比例，上限 ${p.capPercent}%`, `Outstanding advances as a share of expenditure; cap ${p.capPercent}%`)}
            </Typography.Paragraph>
          </Col>
          <Col xs={24} md={14}>
            <Row gutter={[12, 12]}>
              <Col span={12}><Link to={list({ status: 'disbursed' })} data-testid="adv-outstanding"><Statistic title={t('未还暂付款', 'Outstanding')} value={yuan(p.outstanding)} /></Link></Col>
              <Col span={12}><Link to={list({ status: 'approved' })} data-testid="adv-reserved"><Statistic title={t('已批未放', 'Approved, not disbursed')} value={yuan(p.reserved)} /></Link></Col>
              <Col span={12}><Statistic title={t('上限（支出×5%）', 'Cap (5% of expenditure)')} value={yuan(p.cap)} /></Col>
              <Col span={12}><Statistic title={t('剩余额度', 'Headroom')} value={yuan(p.headroom)} /></Col>
            </Row>
            <Table size="small" style={{ marginTop: 12 }} rowKey="bucket" pagination={false} data-testid="ageing"
              dataSource={Object.entries(p.overdue.ageing).map(([bucket, v]) => ({ bucket, ...v }))} columns={[
                { title: t('逾期账龄', 'Overdue'), key: 'b', render: (_, r) => AGEING[r.bucket as AgeingBucket]?.[lang] ?? r.bucket },
                // Each number opens the list of exactly its bucket (same year, same China date as this card).
                { title: t('笔数', 'Loans'), key: 'c', align: 'right', render: (_, r) => <Link to={list({ overdueBucket: r.bucket })} data-testid={`ageing-${r.bucket}`}>{r.count}</Link> },
                { title: t('未还', 'Outstanding'), key: 'o', align: 'right', render: (_, r) => <Link to={list({ overdueBucket: r.bucket })} data-testid={`ageing-${r.bucket}-outstanding`}>{yuan(r.outstanding)}</Link> },
              ]} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`截至 ${p.asOf}`, `as of ${p.asOf}`)}</Typography.Text>
          </Col>
        </Row>
      )}
    </Card>
  );
}
