/**
 * Other work on this machine competes for the same two cores and can halve a multi-threaded figure,
 * so before each suite the harness waits (a bounded time) for the CPU to be quiet, and records how
 * busy it was, so a reader can tell a clean figure from a contended one.
 */
import { cpus } from 'node:os';

function totals(): { busy: number; all: number } {
  let busy = 0;
  let all = 0;
  for (const c of cpus()) {
    const t = c.times;
    const sum = t.user + t.nice + t.sys + t.irq + t.idle;
    all += sum;
    busy += sum - t.idle;
  }
  return { busy, all };
}

/** Fraction (0–1) of all cores busy over the next `ms` milliseconds. */
export async function cpuBusy(ms: number): Promise<number> {
  const a = totals();
  await new Promise((r) => setTimeout(r, ms));
  const b = totals();
  return b.all > a.all ? (b.busy - a.busy) / (b.all - a.all) : 0;
}

/** Waits until the CPU is below `threshold` busy (sampled over 2 s), at most `maxWaitMs`; returns the last sample. */
export async function waitForQuiet(threshold = 0.15, maxWaitMs = 45_000): Promise<number> {
  const end = Date.now() + maxWaitMs;
  let busy = await cpuBusy(2000);
  while (busy > threshold && Date.now() < end) busy = await cpuBusy(2000);
  return busy;
}
