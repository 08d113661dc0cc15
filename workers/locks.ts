/**
 * The Web Locks API as the LLM worker uses it: locks are shared by every window, tab and worker of the
 * origin and are let go when their holder's window closes or crashes, which is what makes them the
 * right record of "this window is downloading / has open" a model. Injectable for tests
 * (testing/fake-locks.ts); null where the browser has no Web Locks (then each window acts alone).
 */

/** The two calls Hearth makes, with the one `request` form it uses (always with options). */
export interface LockManagerLike {
  request<T>(name: string, options: LockOptions, callback: (lock: Lock | null) => T): Promise<Awaited<T>>;
  query(): Promise<LockManagerSnapshot>;
}

export function browserLocks(): LockManagerLike | null {
  return globalThis.navigator?.locks ?? null;
}

/**
 * Take lock `name` and keep it until the returned `release` is called.
 * Resolves once the lock is granted; `release()` resolves once the lock is really let go.
 */
export function hold(locks: LockManagerLike, name: string, mode: LockMode): Promise<() => Promise<void>> {
  return new Promise((granted, failed) => {
    let letGo: () => void = () => {};
    const kept = new Promise<void>((resolve) => (letGo = resolve));
    const done = locks.request(name, { mode }, () => {
      granted(async () => {
        letGo();
        await done.catch(() => {});
      });
      return kept;
    });
    done.catch(failed);
  });
}

/** Names of the locks held now (by any window), or none when they cannot be read. */
export async function heldLockNames(locks: LockManagerLike | null): Promise<string[]> {
  if (!locks) return [];
  try {
    const { held = [] } = await locks.query();
    return held.map((l) => l.name ?? '').filter(Boolean);
  } catch {
    return [];
  }
}
