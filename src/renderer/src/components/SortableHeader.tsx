export interface ListSort<By extends string> {
  by: By;
  desc: boolean;
}

interface SortableHeaderProps<By extends string> {
  label: string;
  by: By;
  sort: ListSort<By>;
  onSort: (sort: ListSort<By>) => void;
  /** What the first click's order means to a reader, e.g. "most idle first". */
  hint?: string;
  className?: string;
}

/**
 * A column heading of a plain table that sorts it on the server, as the
 * Licenses table's headings do: a first click sorts ascending, the next one
 * reverses it; the heading says which way (aria-sort) and shows an arrow.
 */
export function SortableHeader<By extends string>({ label, by, sort, onSort, hint, className }: SortableHeaderProps<By>) {
  const active = sort.by === by;
  return (
    <th scope="col" className={className} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : undefined}>
      <button type="button" className="sort-button" title={hint} onClick={() => onSort({ by, desc: active ? !sort.desc : false })}>
        {label}
        <span className={`sort-indicator ${active ? (sort.desc ? 'desc' : 'asc') : 'none'}`} aria-hidden="true" />
      </button>
    </th>
  );
}
