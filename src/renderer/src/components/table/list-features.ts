import {
  columnFilteringFeature,
  constructFilterFn,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_datetime,
  sortFn_text,
  tableFeatures,
} from '@tanstack/react-table';
import { foldText } from '@shared/text';

/** Like includesString, ignoring accents and compatibility forms too: "emile" finds "Émile". */
const filterFn_includesFolded = constructFilterFn({
  ...filterFn_includesString,
  resolveFilterValue: (value: unknown) => foldText(String(value).trim()),
  resolveDataValue: (value: unknown) => (value === null || value === undefined ? undefined : foldText(String(value))),
});

/** What every list screen's table does: sort by a column, filter by typing. */
export const listFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, datetime: sortFn_datetime, text: sortFn_text },
  columnFilteringFeature,
  globalFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  filterFns: { includesString: filterFn_includesString, includesFolded: filterFn_includesFolded },
});

export type ListFeatures = typeof listFeatures;
