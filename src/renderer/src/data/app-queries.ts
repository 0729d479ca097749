import { useContractQuery } from './query';

/** What main says about itself (mode, database file, whether it can choose another). */
export function useAppInfo() {
  return useContractQuery('app:info', undefined, { staleTime: Infinity }).data ?? null;
}

/** The enterprise this database holds, or null before the first-run screen sets one up (or while it loads). */
export function useEnterprise() {
  return useContractQuery('enterprise:get', undefined).data ?? null;
}
