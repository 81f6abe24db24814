/**
 * The nice value of each thread of this process (Linux), for tests that
 * check a worker lowered its own thread's priority and nothing else's.
 */
import fs from 'node:fs';

/** Nice value by thread id (field 19 of /proc/self/task/<tid>/stat). */
export function threadNiceness(): Map<number, number> {
  const found = new Map<number, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      found.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // A thread that ended meanwhile.
    }
  }
  return found;
}
