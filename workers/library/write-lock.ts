/**
 * One writer at a time across every Hearth tab and window (Web Locks): staging a file, storing a
 * document, deleting one and importing a pack each hold the library's write lock, so two windows
 * adding the same file cannot both pass the duplicate check, and their writes never interleave.
 *
 * A file in the ingestion queue is also claimed by the window building it (a lock named after its
 * queue id, held until it is stored or dropped), so another window starting up does not resume it
 * a second time; a window that closes releases its claims, and the next start picks the file up.
 */

const WRITE_LOCK = 'hearth-library-write';
const CLAIM_PREFIX = 'hearth-queued:';

function locks(): LockManager | null {
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null;
}

/** Runs `fn` holding the library's write lock (directly where Web Locks do not exist). */
export function withWriteLock<T>(fn: () => Promise<T>): Promise<T> {
  const manager = locks();
  if (!manager) return fn();
  return manager.request(WRITE_LOCK, { mode: 'exclusive' }, fn) as Promise<T>;
}

/** Claims a queued file until the returned release is called. Resolves once the claim is held. */
export function claimQueued(id: string): Promise<() => void> {
  const manager = locks();
  if (!manager) return Promise.resolve(() => undefined);
  return new Promise((resolveClaim) => {
    void manager.request(CLAIM_PREFIX + id, () => new Promise<void>((release) => resolveClaim(() => release())));
  });
}

/** Queue ids some window (this one included) is building right now. */
export async function claimedQueueIds(): Promise<Set<string>> {
  const manager = locks();
  if (!manager) return new Set();
  const { held = [] } = await manager.query();
  return new Set(held.flatMap((lock) => (lock.name?.startsWith(CLAIM_PREFIX) ? [lock.name.slice(CLAIM_PREFIX.length)] : [])));
}
