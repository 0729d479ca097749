import { useCallback } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import { useSubmit, type Submit, type SubmitOptions } from '../lib/use-submit';
import { runContract } from './query';

type Args<C extends Channel> = undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>];

export interface ContractMutation<C extends Channel> extends Omit<Submit, 'run'> {
  /**
   * Calls the command (a call while one is on its way is refused as BUSY); on
   * success, the queries reading what the contract says it changed are asked
   * again. Returns the Result for the caller to act on.
   */
  run(...args: Args<C>): Promise<Result<ChannelOutput<C>>>;
}

const STILL_RUNNING = { ok: false, error: { code: 'BUSY', message: 'The last change is still on its way.' } } as const;

/**
 * Every change a screen makes, through one hook: busy while it runs, field
 * issues kept for the form, other refusals as a notice (or inline).
 */
export function useContractMutation<C extends Channel>(channel: C, options: SubmitOptions = {}): ContractMutation<C> {
  const submit = useSubmit(options);
  const { run: runSubmit } = submit;
  const run = useCallback(
    async (...args: Args<C>) => (await runSubmit(() => runContract(channel, args[0]))) ?? STILL_RUNNING,
    [channel, runSubmit],
  );
  return { ...submit, run };
}
