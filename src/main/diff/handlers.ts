import type { Handlers } from '../ipc/dispatch';
import type { DiffService } from './service';

/** The diff:* channels: which files a window may compare, and what changed between two of them. */
export function diffHandlers(diff: DiffService): Pick<Handlers, 'diff:files' | 'diff:chooseFile' | 'diff:compare' | 'diff:export'> {
  return {
    'diff:files': () => diff.files(),
    'diff:chooseFile': () => diff.chooseFile(),
    'diff:compare': (input) => diff.compare(input),
    'diff:export': (input) => diff.exportCsv(input),
  };
}
