import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '@shared/errors';
import { issueFor, type Result } from '@shared/result';
import { failureTone, useNoticesStore } from '../stores/notices-store';

export interface SubmitOptions {
  /**
   * Where a refusal other than a field's shows: a notice (the default), or
   * `inline`, kept in `error` for a form or dialog that shows it above its
   * buttons. Field issues (INVALID_INPUT) always stay in `error`, for the
   * fields they name.
   */
  errors?: 'notice' | 'inline';
  /**
   * True (the default): a run while one is under way is refused (null), so a
   * double click submits once. False: runs overlap, and `busy` lasts until the
   * last one ends (one hook shared by several rows or settings).
   */
  oneAtATime?: boolean;
}

export interface Submit {
  /** Runs `work` (unless one is under way and runs go one at a time: then null); keeps its refusal as the options say. */
  run<T>(work: () => Promise<Result<T>>): Promise<Result<T> | null>;
  /** True while a run is on its way: submit buttons are disabled. */
  busy: boolean;
  /** The last refusal kept for the form (null after a success or reset). */
  error: AppError | null;
  /** The message for one field, from the last refusal. */
  issue(path: string): string | undefined;
  reset(): void;
}

/** The busy, error and submit state every form and dialog shares. */
export function useSubmit(options: SubmitOptions = {}): Submit {
  const { errors = 'notice', oneAtATime = true } = options;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const running = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async <T>(work: () => Promise<Result<T>>): Promise<Result<T> | null> => {
      if (oneAtATime && running.current > 0) return null;
      running.current += 1;
      setBusy(true);
      setError(null);
      try {
        const result = await work();
        if (!result.ok) {
          const forFields = result.error.code === 'INVALID_INPUT' && Boolean(result.error.issues?.length);
          if (errors === 'inline' || forFields) {
            if (mounted.current) setError(result.error);
          } else useNoticesStore.getState().push(result.error.message, failureTone(result.error));
        }
        return result;
      } finally {
        running.current -= 1;
        if (mounted.current && running.current === 0) setBusy(false);
      }
    },
    [errors, oneAtATime],
  );

  const issue = useCallback((path: string) => issueFor(error, path), [error]);
  const reset = useCallback(() => setError(null), []);
  return { run, busy, error, issue, reset };
}
