import fs from 'node:fs';
import path from 'node:path';

export interface RotatingFileOptions {
  file: string;
  /** The file is moved aside before a line would take it past this size. */
  maxBytes?: number;
  /** How many old files are kept: file.1 (newest) to file.N. */
  keep?: number;
}

export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_KEEP = 3;

/** The destination pino writes to: one line at a time. */
export interface LineSink {
  write(line: string): void;
}

/**
 * A log file that rotates by size: `roster.log` is renamed to `roster.log.1`
 * (and .1 to .2, up to `keep`, the oldest dropped) before it would grow past
 * `maxBytes`. Each line is appended by opening the file by its name, so the app,
 * browser mode, the command line and a SCIM server may share it: a process
 * never keeps writing to a file another one has rotated away. Logging is rare
 * (unexpected errors, starts and stops), so opening per line costs nothing that
 * matters. A log that cannot be written never stops the work it describes.
 */
export function createRotatingFile(options: RotatingFileOptions): LineSink {
  const { file } = options;
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const keep = options.keep ?? LOG_KEEP;

  const rotate = () => {
    fs.rmSync(`${file}.${keep}`, { force: true });
    for (let index = keep - 1; index >= 1; index -= 1) {
      if (fs.existsSync(`${file}.${index}`)) fs.renameSync(`${file}.${index}`, `${file}.${index + 1}`);
    }
    if (keep > 0) fs.renameSync(file, `${file}.1`);
    else fs.rmSync(file, { force: true });
  };

  return {
    write(line) {
      try {
        let size = 0;
        try {
          size = fs.statSync(file).size;
        } catch {
          // No file yet: the first line makes it (and its folder).
          fs.mkdirSync(path.dirname(file), { recursive: true });
        }
        if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
        fs.appendFileSync(file, line, { mode: 0o600 });
      } catch {
        // A full disk or a read-only folder loses a log line, never the answer.
      }
    },
  };
}
