/**
 * Removing the copy of Hearth the browser keeps for offline use: the service worker's registration
 * and its precache. The open page keeps working (everything it needs is loaded); Hearth no longer
 * opens without a connection until it is next opened online, which saves it again.
 */
import { appError } from '../errors';
import { APP_CACHE_PREFIX } from '../storage/usage';

/** The parts of the browser used here (so another environment can stand in). */
export interface OfflineCopyDeps {
  registrations: () => Promise<readonly { unregister(): Promise<boolean> }[]>;
  caches: { keys(): Promise<string[]>; delete(name: string): Promise<boolean> } | null;
}

function browserDeps(): OfflineCopyDeps {
  return {
    registrations: async () => ('serviceWorker' in navigator ? navigator.serviceWorker.getRegistrations() : []),
    caches: typeof caches === 'undefined' ? null : caches,
  };
}

/**
 * Unregister the service worker, then delete its caches (Workbox's precache).
 * @returns how many caches were deleted.
 * @throws AppError STORAGE_FAILED when the browser refuses.
 */
export async function removeOfflineCopy(deps: OfflineCopyDeps = browserDeps()): Promise<number> {
  try {
    for (const registration of await deps.registrations()) await registration.unregister();
    let removed = 0;
    for (const name of (await deps.caches?.keys()) ?? []) {
      if (name.startsWith(APP_CACHE_PREFIX) && (await deps.caches?.delete(name))) removed++;
    }
    return removed;
  } catch (error) {
    throw appError('STORAGE_FAILED', { message: 'The browser did not let Hearth remove its offline copy. Try again, or clear this site’s data in the browser’s settings.', detail: String(error) });
  }
}
