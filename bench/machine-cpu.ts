import { readFileSync } from 'node:fs';

/**
 * CPU time the whole machine has spent busy so far (every process: the product, the Temporal server,
 * PostgreSQL, the bench itself), in ms, from /proc/stat; NaN where there is none. On a machine both
 * sides saturate, a side's chains/s is bounded by the cores divided by its CPU per chain, so these
 * readings say how far any product that does real work per step can get from the bare baseline here.
 */
export function machineBusyMs(): number {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    // idle, iowait and steal (time the hypervisor gave to others) are not work done here; a jiffy is 10 ms (USER_HZ 100)
    const [user, nice, system, , , irq, softirq] = fields.map(Number);
    return (user + nice + system + irq + softirq) * 10;
  } catch {
    return NaN;
  }
}
