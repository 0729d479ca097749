import path from 'node:path';
import { ok, type Result } from '@shared/result';
import type { FileWriter } from '../app/host';
import { writeFileAtomic } from './write-file';

export interface FileSaverDeps {
  /** Asks the person where to save, offering `defaultPath`; undefined when they cancel. */
  ask: (defaultPath: string) => Promise<string | undefined>;
  /** Where the first save of a run starts (the Downloads folder). */
  startFolder: () => string;
  write?: (file: string, content: string) => Promise<Result<string>>;
}

/**
 * The desktop app's Host.saveFile: asks where to save (a native dialog in
 * Electron), then writes the file atomically. Each save starts in the folder
 * the last successful one went to, remembered for as long as the app runs.
 * Resolves to the path written, or null when the person cancelled.
 */
export function createFileSaver({ ask, startFolder, write = writeFileAtomic }: FileSaverDeps) {
  let lastFolder: string | null = null;
  return async (suggestedName: string, content: string | FileWriter): Promise<Result<string | null>> => {
    const chosen = await ask(path.join(lastFolder ?? startFolder(), path.basename(suggestedName)));
    if (!chosen) return ok(null);
    const written = typeof content === 'string' ? await write(chosen, content) : await content(chosen);
    if (written.ok) lastFolder = path.dirname(written.value);
    return written;
  };
}
