interface PagerProps {
  /**
   * The landmark's name, saying what it pages ("Pages of seats"): a screen
   * reader lists landmarks by name, so two pagers on one screen (an
   * organization's members and everyone with access) must not both be "Pages".
   */
  label: string;
  total: number;
  pageIndex: number;
  pageSize: number;
  onPage: (pageIndex: number) => void;
}

/** "51–100 of 1,320" with previous and next. */
export function Pager({ label, total, pageIndex, pageSize, onPage }: PagerProps) {
  if (total <= pageSize) return null;
  const first = pageIndex * pageSize + 1;
  const last = Math.min(total, first + pageSize - 1);
  const pages = Math.ceil(total / pageSize);
  return (
    <nav className="pager" aria-label={label}>
      <span className="pager-range">
        {first.toLocaleString()}–{last.toLocaleString()} of {total.toLocaleString()}
      </span>
      <button type="button" className="button small" disabled={pageIndex === 0} onClick={() => onPage(pageIndex - 1)}>
        Previous
      </button>
      <span className="pager-page">
        Page {pageIndex + 1} of {pages}
      </span>
      <button type="button" className="button small" disabled={pageIndex >= pages - 1} onClick={() => onPage(pageIndex + 1)}>
        Next
      </button>
    </nav>
  );
}
