import { useCallback } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { useSubmit, type Submit, type SubmitOptions } from '../lib/use-submit';
import { runContract } from './query';

type Args<C extends Channel> = undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>];

export interface ContractMutation<C extends Channel> extends Omit<Submit, 'run'> {
  /**
   * Calls the command; on success, the queries reading what the contract says
   * it changed are asked again. Returns the Result for the caller to act on.
   * Calls may overlap (one hook may serve several rows): forms guard their own
   * submit, and `busy` lasts until the last call ends.
   */
  run(...args: Args<C>): Promise<Result<ChannelOutput<C>>>;
}

/**
 * Every change a screen makes, through one hook: busy while it runs, field
 * issues kept for the form, other refusals as a notice (or inline).
 */
export function useContractMutation<C extends Channel>(channel: C, options: SubmitOptions = {}): ContractMutation<C> {
  const submit = useSubmit({ ...options, oneAtATime: false });
  const { run: runSubmit } = submit;
  const run = useCallback(
    // Never null: calls are not refused while another runs.
    async (...args: Args<C>) => (await runSubmit(() => runContract(channel, args[0])))!,
    [channel, runSubmit],
  );
  return { ...submit, run };
}
