import { Key, ReactNode, useState } from 'react';
import { Card, Empty, Grid, Pagination, Space, Spin, Table } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';

/** A page of a list the server pages: which page, how many in all, and how to ask for another. */
export interface ServerPaging { current: number; pageSize: number; total: number; onChange: (page: number) => void }

interface Props<T> {
  /** null while loading: a spinner, never an empty list */
  items: T[] | null;
  rowKey: (x: T) => Key;
  /** the number a row or card carries as `data-request`, so a test or a link can find it */
  number: (x: T) => string | undefined;
  columns: ColumnsType<T>;
  /** the body of one phone card */
  card: (x: T) => ReactNode;
  empty: string;
  testId?: string;
  /** the server's paging; without it the rows given are paged here, 20 at a time */
  paging?: ServerPaging;
  /** more for the desktop table only (size, bordered, expandable rows, a row's class, a summary row) */
  table?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'rowKey'>;
  /** below the cards on a phone, where the table would have its summary row (a total, say) */
  cardsFooter?: ReactNode;
}

const PAGE_SIZE = 20;

/**
 * A list as a table on a desktop and as cards on a phone (below antd's md, 768 px), where a table's
 * columns would run off the screen. Both page the same way.
 */
export function ResponsiveList<T extends object>({ items, rowKey, number, columns, card, empty, testId, paging, table, cardsFooter }: Props<T>) {
  const phone = !Grid.useBreakpoint().md;
  const [localPage, setLocalPage] = useState(1);
  const emptyView = <Empty description={empty} />;
  if (!phone) {
    return (
      <Table<T> rowKey={rowKey} loading={!items} dataSource={items ?? []} data-testid={testId} scroll={{ x: 'max-content' }} columns={columns}
        locale={{ emptyText: emptyView }} onRow={(x) => ({ 'data-request': number(x) } as object)}
        pagination={paging ? { current: paging.current, pageSize: paging.pageSize, total: paging.total, onChange: paging.onChange, showSizeChanger: false } : { pageSize: PAGE_SIZE, showSizeChanger: false }} {...table} />
    );
  }
  if (!items) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  const page = paging ? items : items.slice((localPage - 1) * PAGE_SIZE, localPage * PAGE_SIZE);
  const total = paging?.total ?? items.length;
  const pageSize = paging?.pageSize ?? PAGE_SIZE;
  return (
    <div data-testid={testId}>
      {page.length ? (
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          {page.map((x) => <Card key={rowKey(x)} size="small" className="list-card" data-request={number(x)}>{card(x)}</Card>)}
        </Space>
      ) : emptyView}
      {page.length > 0 && cardsFooter && <div className="list-cards-footer">{cardsFooter}</div>}
      {total > pageSize && (
        <Pagination simple size="small" style={{ marginTop: 12, textAlign: 'center' }} total={total} pageSize={pageSize}
          current={paging?.current ?? localPage} onChange={paging?.onChange ?? setLocalPage} />
      )}
    </div>
  );
}

/** Two ends of a card's line: e.g. the number on the left, the amount on the right; wraps rather than overflows. */
export function CardLine({ left, right }: { left: ReactNode; right?: ReactNode }) {
  return <div className="card-line"><span>{left}</span>{right !== undefined && <span>{right}</span>}</div>;
}
