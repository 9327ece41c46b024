import { Table } from 'antd';
import type { AdvancesPosition } from '../api';
import { useT } from '../i18n';
import { yuan } from '../format';
import { CardLine, ResponsiveList } from './ResponsiveList';

type Origin = NonNullable<AdvancesPosition['byOrigin']>[number];

/**
 * The county's advances balance by origin (R-L8): the opening stock, then loans by the year they were
 * disbursed in; one card per origin on a phone, with the total under them.
 */
export function ByOriginTable({ position }: { position: AdvancesPosition }) {
  const { t } = useT();
  const origin = (o: Origin) => (o.origin === 'opening_stock' ? t('存量暂付款', 'Opening stock') : `${t('借款', 'Loans')} ${o.fiscalYear}`);
  const totalLabel = <b>{t('合计（R-L8 计入）', 'Total (counted by R-L8)')}</b>;
  const total = <b data-testid="by-origin-total">{yuan(position.outstanding)}</b>;
  return (
    <ResponsiveList<Origin> items={position.byOrigin ?? []} rowKey={(o) => `${o.origin}-${o.fiscalYear}`} number={(o) => `${o.origin}-${o.fiscalYear}`}
      testId="by-origin" empty={t('暂无暂付款', 'No advances')}
      table={{
        size: 'small', pagination: false,
        summary: () => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{totalLabel}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} />
            <Table.Summary.Cell index={2}>{total}</Table.Summary.Cell>
          </Table.Summary.Row>
        ),
      }}
      columns={[
        { title: t('来源', 'Origin'), render: (_, o) => origin(o) },
        { title: t('笔数', 'Count'), dataIndex: 'count' },
        { title: t('余额（元）', 'Outstanding'), render: (_, o) => yuan(o.outstanding) },
      ]}
      card={(o) => <CardLine left={<>{origin(o)} · {t(`${o.count} 笔`, `${o.count}`)}</>} right={<b>{yuan(o.outstanding)}</b>} />}
      cardsFooter={<CardLine left={totalLabel} right={total} />} />
  );
}
