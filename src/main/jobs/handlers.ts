import { ok } from '@shared/result';
import type { Handlers } from '../ipc/dispatch';
import type { Jobs } from './jobs';

export function jobHandlers(jobs: Jobs): Pick<Handlers, 'jobs:list' | 'jobs:cancel'> {
  return {
    'jobs:list': () => ok(jobs.list()),
    'jobs:cancel': ({ jobId }) => jobs.cancel(jobId),
  };
}
