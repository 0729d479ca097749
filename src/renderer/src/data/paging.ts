import { useEffect, useState } from 'react';
import { useListStateStore } from '../stores/list-state-store';
import { invalidateAreas } from './query';

/**
 * Past the last page (rows were released, removed or pruned meanwhile): shows
 * the last page there is. `total` is undefined until the first answer.
 */
export function useLastPageClamp(total: number | undefined, pageSize: number, pageIndex: number, onPage: (pageIndex: number) => void): void {
  useEffect(() => {
    if (total === undefined) return;
    const lastPage = Math.max(0, Math.ceil(total / pageSize) - 1);
    if (pageIndex > lastPage) onPage(lastPage);
  }, [total, pageSize, pageIndex, onPage]);
}

/**
 * An invitation frees its seat when it expires, with no change to announce:
 * the seats are asked for again just after the next one expires.
 */
export function useReloadAtExpiry(nextExpiry: string | null | undefined): void {
  useEffect(() => {
    if (!nextExpiry) return;
    const wait = Math.min(Date.parse(nextExpiry) - Date.now() + 500, 2 ** 31 - 1);
    const timer = setTimeout(() => void invalidateAreas(['seats']), Math.max(wait, 1000));
    return () => clearTimeout(timer);
  }, [nextExpiry]);
}

/**
 * A searched, paged list's own state: the text as typed, the search it asks
 * for a moment after typing stops, and the page. A new search starts again
 * from the first page. With `rememberAs`, coming back to the list finds the
 * search and page it was left on.
 */
export function useSearchPaging(pauseMs: number, rememberAs?: string) {
  const [initial] = useState(() => (rememberAs ? useListStateStore.getState().lists[rememberAs] : undefined));
  const [searchText, setSearchText] = useState(initial?.search ?? '');
  const [search, setSearch] = useState(initial?.search ?? '');
  const [pageIndex, setPageIndex] = useState(initial?.pageIndex ?? 0);
  useEffect(() => {
    if (searchText === search) return;
    const timer = setTimeout(() => {
      setSearch(searchText);
      setPageIndex(0);
    }, pauseMs);
    return () => clearTimeout(timer);
  }, [searchText, search, pauseMs]);
  useEffect(() => {
    if (rememberAs) useListStateStore.getState().remember(rememberAs, { search, pageIndex });
  }, [rememberAs, search, pageIndex]);
  return { searchText, setSearchText, search, pageIndex, setPageIndex };
}
