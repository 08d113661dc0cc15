/**
 * One download of a model at a time across every Hearth window: a Web Lock named after the model is
 * held while its files are written. A window that finds the lock taken waits for it, and is told so
 * (it can show what the other window has stored so far); once it has the lock it goes on with what is
 * stored, so there is usually nothing left to fetch, and when the other window was closed halfway
 * the download resumes from the partial file that window left.
 */
import { appError } from '../../src/lib/errors';
import { heldLockNames, type LockManagerLike } from '../locks';

const PREFIX = 'hearth-download:';

export function downloadLockName(modelId: string): string {
  return `${PREFIX}${modelId}`;
}

/** The download locks each lock manager (one per worker: this window) holds, so "held" splits into here and elsewhere. */
const heldBy = new WeakMap<LockManagerLike, Set<string>>();

function heldHere(locks: LockManagerLike): Set<string> {
  let names = heldBy.get(locks);
  if (!names) heldBy.set(locks, (names = new Set()));
  return names;
}

async function holding<T>(locks: LockManagerLike, name: string, run: () => Promise<T>): Promise<T> {
  heldHere(locks).add(name);
  try {
    return await run();
  } finally {
    heldHere(locks).delete(name);
  }
}

/**
 * Run `run` while holding the model's download lock.
 * @param onWaiting called when another window holds the lock; returns the function that stops
 *   whatever it started (called when the lock is ours, or the wait is given up).
 * @throws AppError ABORTED when `signal` fires while waiting; whatever `run` throws.
 */
export async function withDownloadLock<T>(
  locks: LockManagerLike | null,
  modelId: string,
  signal: AbortSignal,
  onWaiting: () => () => void,
  run: () => Promise<T>,
): Promise<T> {
  if (!locks) return run();
  const name = downloadLockName(modelId);
  const now = await locks.request(name, { ifAvailable: true }, async (lock) => (lock ? { value: await holding(locks, name, run) } : null));
  if (now) return now.value;
  const stopWatching = onWaiting();
  try {
    return await locks.request(name, { signal }, () => {
      stopWatching();
      return holding(locks, name, run);
    });
  } catch (error) {
    if (signal.aborted) throw appError('ABORTED');
    throw error;
  } finally {
    stopWatching();
  }
}

/**
 * Run `run` only if no window is downloading the model (deleting files another window is writing
 * fails in OPFS, and would leave that window's download broken).
 * @throws AppError DOWNLOADING_ELSEWHERE when another window holds the lock.
 */
export async function whenNotDownloading<T>(locks: LockManagerLike | null, modelId: string, run: () => Promise<T>): Promise<T> {
  if (!locks) return run();
  const name = downloadLockName(modelId);
  const result = await locks.request(name, { ifAvailable: true }, async (lock) => (lock ? { value: await run() } : null));
  if (!result) throw appError('DOWNLOADING_ELSEWHERE', { detail: `${name} is held by another window` });
  return result.value;
}

/** Ids of the models whose download lock another window holds now. */
export async function downloadingElsewhere(locks: LockManagerLike | null): Promise<Set<string>> {
  if (!locks) return new Set();
  const mine = heldHere(locks);
  const names = await heldLockNames(locks);
  return new Set(names.filter((n) => n.startsWith(PREFIX) && !mine.has(n)).map((n) => n.slice(PREFIX.length)));
}
