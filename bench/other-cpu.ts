/**
 * How much CPU other processes (not this run and its children: Chromium, servers) used while a suite
 * ran, from Linux /proc. A figure measured while other work held the cores is pessimistic; this
 * says by how much the machine was shared. Processes that both started and ended inside the
 * interval are missed, so it is a lower bound. Null where /proc is not there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Linux reports utime/stime in clock ticks of 1/100 s on every mainstream configuration. */
const TICKS_PER_SECOND = 100;

interface Proc {
  ppid: number;
  ticks: number;
}

function snapshot(): Map<number, Proc> {
  const out = new Map<number, Proc>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the parenthesized command name: state ppid … utime(14) stime(15).
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** Is `pid` this process or one of its descendants (per the parent links in `procs`)? */
function isMine(procs: Map<number, Proc>, pid: number): boolean {
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    if (p === process.pid) return true;
    p = procs.get(p)?.ppid ?? 0;
  }
  return false;
}

function othersTicks(procs: Map<number, Proc>): number {
  let ticks = 0;
  for (const [pid, p] of procs) if (!isMine(procs, pid)) ticks += p.ticks;
  return ticks;
}

/** Starts measuring; the returned function gives the fraction (0–1) of all cores others used since. */
export function meterOtherCpu(): () => number | null {
  let before: Map<number, Proc>;
  try {
    before = snapshot();
  } catch {
    return () => null;
  }
  const startTicks = othersTicks(before);
  const startAt = performance.now();
  return () => {
    const now = snapshot();
    let ticks = othersTicks(now);
    // A process that ended took its ticks with it: count what it had at the start, so it adds 0.
    for (const [pid, p] of before) if (!now.has(pid) && !isMine(before, pid)) ticks += p.ticks;
    const capacity = ((performance.now() - startAt) / 1000) * TICKS_PER_SECOND * cpus().length;
    return capacity > 0 ? Math.max(0, Math.min(1, (ticks - startTicks) / capacity)) : null;
  };
}
