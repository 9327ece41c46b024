import { Table } from 'antd';
import type { AdvancesPosition } from '../api';
import { useT } from '../i18n';
import { yuan } from '../format';

/** The county's advances balance by origin (R-L8): the opening stock, then loans by the year they were disbursed in. */
export function ByOriginTable({ position }: { position: AdvancesPosition }) {
  const { t } = useT();
  return (
    <Table size="small" rowKey={(o) => `${o.origin}-${o.fiscalYear}`} pagination={false} data-testid="by-origin" scroll={{ x: true }}
      dataSource={position.byOrigin ?? []}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}><b>{t('合计（R-L8 计入）', 'Total (counted by R-L8)')}</b></Table.Summary.Cell>
          <Table.Summary.Cell index={1} />
          <Table.Summary.Cell index={2}><b data-testid="by-origin-total">{yuan(position.outstanding)}</b></Table.Summary.Cell>
        </Table.Summary.Row>
      )}
      columns={[
        { title: t('来源', 'Origin'), render: (_, o) => (o.origin === 'opening_stock' ? t('存量暂付款', 'Opening stock') : `${t('借款', 'Loans')} ${o.fiscalYear}`) },
        { title: t('笔数', 'Count'), dataIndex: 'count' },
        { title: t('余额（元）', 'Outstanding'), render: (_, o) => yuan(o.outstanding) },
      ]} />
  );
}
