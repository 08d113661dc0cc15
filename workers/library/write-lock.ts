/**
 * One writer at a time across every Hearth tab and window (Web Locks, workers/locks.ts): staging a
 * file, storing a document, deleting one, importing a pack and restoring a backup each hold the
 * library's write lock, so two windows adding the same file cannot both pass the duplicate check,
 * and their writes never interleave.
 *
 * A file in the ingestion queue is also claimed by the window building it (a lock named after its
 * queue id, held until it is stored or dropped), so another window starting up does not resume it
 * a second time; a window that closes releases its claims, and the next start picks the file up.
 */
import { browserLocks, heldLockNames, hold } from '../locks';

const WRITE_LOCK = 'hearth-library-write';
/** Held by the window embedding the library again with another model (workers/library/reembed.ts). */
const REEMBED_LOCK = 'hearth-reembed';
const CLAIM_PREFIX = 'hearth-queued:';

/** Runs `fn` holding the library's write lock (directly where Web Locks do not exist). */
export async function withWriteLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = browserLocks();
  if (!locks) return fn();
  return locks.request(WRITE_LOCK, { mode: 'exclusive' }, fn);
}

/**
 * Runs `fn` as the only window embedding the library again; when another window is doing it,
 * `onWait` is called and `fn` runs once that window is done (or closed), to find what it left.
 */
export async function withReembedLock<T>(onWait: () => void, fn: () => Promise<T>): Promise<T> {
  const locks = browserLocks();
  if (!locks) return fn();
  const free = await locks.request(REEMBED_LOCK, { mode: 'exclusive', ifAvailable: true }, async (lock) => (lock ? { value: await fn() } : null));
  if (free) return free.value;
  onWait();
  return locks.request(REEMBED_LOCK, { mode: 'exclusive' }, fn);
}

/** Claims a queued file until the returned release is called. Resolves once the claim is held. */
export async function claimQueued(id: string): Promise<() => void> {
  const locks = browserLocks();
  if (!locks) return () => undefined;
  const release = await hold(locks, CLAIM_PREFIX + id, 'exclusive');
  return () => void release();
}

/** Queue ids some window (this one included) is building right now. */
export async function claimedQueueIds(): Promise<Set<string>> {
  const names = await heldLockNames(browserLocks());
  return new Set(names.flatMap((name) => (name.startsWith(CLAIM_PREFIX) ? [name.slice(CLAIM_PREFIX.length)] : [])));
}
