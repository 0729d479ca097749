import type { Handlers } from '../ipc/dispatch';
import type { Jobs } from './jobs';

export function jobHandlers(jobs: Jobs): Pick<Handlers, 'jobs:cancel'> {
  return {
    'jobs:cancel': ({ jobId }) => jobs.cancel(jobId),
  };
}
