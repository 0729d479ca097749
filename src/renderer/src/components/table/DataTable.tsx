import { Fragment, type ReactNode } from 'react';
import type { ReactTable, RowData } from '@tanstack/react-table';
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
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** Clicks on a row's own controls do what those controls do, not open the row. */
const INTERACTIVE = 'a, button, input, select, textarea, label, [role="menu"]';

export function DataTable<Row extends RowData>({ table, label, empty, onRowClick, expandedRow }: DataTableProps<Row>) {
  const rows = table.getRowModel().rows;
  const columnCount = table.getAllLeafColumns().length;
  return (
    <div className="table-scroll">
    <table className="data-table" aria-label={label}>
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
          rows.map((row) => {
            const expanded = expandedRow?.(row.original) ?? null;
            return (
              <Fragment key={row.id}>
                <tr
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
          })
        )}
      </tbody>
    </table>
    </div>
  );
}
