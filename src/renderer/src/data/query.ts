import { keepPreviousData, QueryClient, useQueries, useQuery, type UseQueryOptions, type UseQueryResult } from '@tanstack/react-query';
import type { AppError, ErrorCode } from '@shared/errors';
import { contract, type ChannelInput, type ChannelOutput, type Channel, type QueryChannel } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { api } from '../lib/api';
import { invalidateIn } from './invalidation';

/** A contract call's error, thrown into the query layer with its AppError kept, so screens switch on `code`. */
export class ContractError extends Error {
  readonly code: ErrorCode;
  constructor(readonly appError: AppError) {
    super(appError.message);
    this.name = 'ContractError';
    this.code = appError.code;
  }
}

/** The AppError behind a query's error (or null): what the screens' error banners show. */
export function appErrorOf(error: unknown): AppError | null {
  if (!error) return null;
  if (error instanceof ContractError) return error.appError;
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/** Calls a channel with the input left out where it takes none. */
export function invoke<C extends Channel>(channel: C, input: ChannelInput<C> | undefined): Promise<Result<ChannelOutput<C>>> {
  const call = api.invoke as (channel: C, input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
  return input === undefined ? call(channel) : call(channel, input);
}

/**
 * The window's cache of what main answered. Answers stay until a change event
 * says an area they read changed; a screen opened again shows what it had at
 * once and asks again behind it. Errors are values main chose: asking again
 * by itself would only repeat them.
 */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false } },
});

/** The one cache key of a call: the channel, then its input (null where it takes none). */
export function contractKey<C extends QueryChannel>(channel: C, input?: ChannelInput<C>): readonly [C, unknown] {
  return [channel, input ?? null] as const;
}

export async function fetchContract<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await invoke(channel, input);
  if (!result.ok) throw new ContractError(result.error);
  return result.value;
}

type ContractQueryOptions<C extends QueryChannel> = Omit<UseQueryOptions<ChannelOutput<C>, ContractError>, 'queryKey' | 'queryFn' | 'placeholderData'> & {
  /** Paged tables: keep showing the last page while the next one loads, so they never flash empty. */
  keepPrevious?: boolean;
};

/** One contract query, cached under [channel, input] and asked again when an area it reads changes. */
export function useContractQuery<C extends QueryChannel>(channel: C, input: ChannelInput<C>, options: ContractQueryOptions<C> = {}) {
  const { keepPrevious, ...rest } = options;
  return useQuery<ChannelOutput<C>, ContractError>({
    queryKey: contractKey(channel, input),
    queryFn: () => fetchContract(channel, input),
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...rest,
  });
}

/**
 * The same query once for each input (a member's few teams, each by id): cached one by one under
 * [channel, input], so a screen asks only for what it shows and shares the answers with other screens.
 */
export function useContractQueries<C extends QueryChannel>(channel: C, inputs: readonly ChannelInput<C>[]): UseQueryResult<ChannelOutput<C>, ContractError>[] {
  return useQueries({
    queries: inputs.map((input): UseQueryOptions<ChannelOutput<C>, ContractError> => ({
      queryKey: contractKey(channel, input),
      queryFn: () => fetchContract(channel, input),
    })),
  });
}

/** Asks again, in every screen showing them, for the answers a change to `areas` outdated. */
export function invalidateAreas(areas: Parameters<typeof invalidateIn>[1]): Promise<void> {
  return invalidateIn(queryClient, areas);
}

/**
 * A command outside a component (the menu, the palette): on success, what the
 * contract says it changed is asked for again. Components use useContractMutation.
 */
export async function runContract<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  const result = await invoke(channel, input);
  // A stale edit (docs/RULES.md, V6) was refused because what the page shows has changed since: it is read
  // again at once, so the admin sees the new value beside the refusal, even before the change's event arrives.
  if (result.ok || result.error.code === 'STALE') void invalidateAreas(contract[channel].changes);
  return result;
}

/** A query as the screens showed their stores' status: an error wins, then an answer (a kept page counts), else loading. */
export function statusOf(query: { isError: boolean; data: unknown }): 'loading' | 'ready' | 'error' {
  return query.isError ? 'error' : query.data !== undefined ? 'ready' : 'loading';
}
