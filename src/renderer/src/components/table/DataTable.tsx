import { Fragment, useRef, type ReactNode } from 'react';
import type { ReactTable, Row as TableRow, RowData } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ListFeatures } from './list-features';

interface DataTableProps<Row extends RowData> {
  table: ReactTable<ListFeatures, Row>;
  /** Read by screen readers as the table's name. */
  label: string;
  /** Shown in place of rows when there are none to show. */
  empty: ReactNode;
  /** Opens a row from a click anywhere on it; its link stays the way in for the keyboard. */
  onRowClick?: (row: Row) => void;
  /** What opens under a row across the whole table (a row's details), or null while it is closed. */
  expandedRow?: (row: Row) => ReactNode;
  /** A control beside a column's heading (outside its sort button), by column id. */
  headerActions?: Partial<Record<string, ReactNode>>;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/**
 * Above this many rows only those in view (and a few either side) are in the
 * page: 2,000 teams as 2,000 rows of DOM make every keystroke in the filter slow.
 * Paged screens (50 rows) stay whole, so find-in-page and screen readers see every row.
 */
export const VIRTUALIZE_OVER = 100;
/** A row's height before it is measured (one line of text and a small control). */
const ESTIMATED_ROW_PX = 45;

/** Clicks on a row's own controls do what those controls do, not open the row. */
const INTERACTIVE = 'a, button, input, select, textarea, label, [role="menu"]';

export function DataTable<Row extends RowData>({ table, label, empty, onRowClick, expandedRow, headerActions }: DataTableProps<Row>) {
  const rows = table.getRowModel().rows;
  const columnCount = table.getAllLeafColumns().length;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUALIZE_OVER;
  // The virtualizer's functions change as the table scrolls; this component is not memoized, so it always reads the current ones.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 12,
  });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const shown: { row: TableRow<ListFeatures, Row>; index: number }[] = virtual
    ? items.map((item) => ({ row: rows[item.index]!, index: item.index }))
    : rows.map((row, index) => ({ row, index }));
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtual && items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  return (
    <div className={virtual ? 'table-scroll virtual' : 'table-scroll'} ref={scroller}>
    <table className="data-table" aria-label={label} aria-rowcount={virtual ? rows.length + 1 : undefined}>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              const content = header.isPlaceholder ? null : <table.FlexRender header={header} />;
              return (
                <th key={header.id} scope="col" aria-sort={sorted ? ARIA_SORT[sorted] : undefined} className={`col-${header.column.id}`}>
                  {header.column.getCanSort() ? (
                    <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                      {content}
                      <span className={`sort-indicator ${sorted || 'none'}`} aria-hidden="true" />
                    </button>
                  ) : (
                    content
                  )}
                  {headerActions?.[header.column.id]}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr className="empty-row">
            <td colSpan={columnCount}>{empty}</td>
          </tr>
        ) : (
          <>
            {padTop > 0 ? <tr className="virtual-spacer" aria-hidden="true" style={{ height: padTop }} /> : null}
            {shown.map(({ row, index }) => {
              const expanded = expandedRow?.(row.original) ?? null;
              return (
                <Fragment key={row.id}>
                  <tr
                    ref={virtual ? virtualizer.measureElement : undefined}
                    data-index={index}
                    aria-rowindex={virtual ? index + 2 : undefined}
                    className={[onRowClick ? 'clickable-row' : '', expanded === null ? '' : 'expanded'].join(' ').trim() || undefined}
                    onClick={onRowClick ? (event) => !(event.target as Element).closest(INTERACTIVE) && onRowClick(row.original) : undefined}
                  >
                    {row.getAllCells().map((cell) => (
                      <td key={cell.id} className={`col-${cell.column.id}`}>
                        <table.FlexRender cell={cell} />
                      </td>
                    ))}
                  </tr>
                  {expanded === null ? null : (
                    <tr className="expanded-row">
                      <td colSpan={columnCount}>{expanded}</td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
            {padBottom > 0 ? <tr className="virtual-spacer" aria-hidden="true" style={{ height: padBottom }} /> : null}
          </>
        )}
      </tbody>
    </table>
    </div>
  );
}
