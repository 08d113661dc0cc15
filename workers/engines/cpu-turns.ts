/**
 * CPU generations of several Hearth windows take turns. llama.cpp's threads wait for each other by
 * spinning, so two windows decoding at the same moment with more threads than the device has cores
 * (2 each on a 2-core device) slow each other down far more than twice: each spins on a core the
 * other needs. In the e2e run on 2 cores, two concurrent answers of 16 tokens took over a minute.
 * So when a window's engine uses more than half the cores, its generations hold a Web Lock that the
 * other windows' generations wait for: each answer runs at full speed, one after the other.
 */
import { appError } from '../../src/lib/errors';
import type { LockManagerLike } from '../locks';

const NAME = 'hearth-cpu-generate';

/** Whether an engine with `threads` threads would oversubscribe the cores if another ran beside it. */
export function needsTurns(threads: number, cores: number): boolean {
  return threads * 2 > Math.max(1, cores);
}

/**
 * Run `run` in this window's turn (at once when no other window is generating).
 * @throws AppError ABORTED when `signal` fires while waiting; whatever `run` throws.
 */
export async function inTurn<T>(locks: LockManagerLike | null, signal: AbortSignal, run: () => Promise<T>): Promise<T> {
  if (!locks) return run();
  try {
    return await locks.request(NAME, { signal }, () => run());
  } catch (error) {
    if (signal.aborted && error instanceof DOMException && error.name === 'AbortError') throw appError('ABORTED');
    throw error;
  }
}
