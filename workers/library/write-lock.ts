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
const CLAIM_PREFIX = 'hearth-queued:';

/** Runs `fn` holding the library's write lock (directly where Web Locks do not exist). */
export async function withWriteLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = browserLocks();
  if (!locks) return fn();
  return locks.request(WRITE_LOCK, { mode: 'exclusive' }, fn);
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
