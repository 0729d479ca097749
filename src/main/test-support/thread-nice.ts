import fs from 'node:fs';

/**
 * The nice value of each thread of this process, read from /proc (Linux): a
 * test sees which threads run in the background without asking them.
 */
export function threadNiceValues(): number[] {
  return fs.readdirSync('/proc/self/task').flatMap((thread) => {
    try {
      // Field 19 of stat is the nice value; the name before ") " may hold spaces.
      const fields = fs.readFileSync(`/proc/self/task/${thread}/stat`, 'utf8').split(') ')[1] ?? '';
      return [Number(fields.split(' ')[16])];
    } catch {
      return []; // the thread ended between the listing and the read
    }
  });
}
