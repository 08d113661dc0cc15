/**
 * Telling when the service worker failed to install. A worker whose install fails (Workbox could not
 * precache the app: no room left, a file that would not download) goes from 'installing' straight to
 * 'redundant'; the page gets no error, only that state change.
 */

/**
 * Call `onFailed` when an install of this registration fails while no older worker is active (with
 * one active, the app still opens offline, as its older version).
 */
export function watchInstall(registration: ServiceWorkerRegistration, onFailed: () => void): void {
  const watch = (worker: ServiceWorker | null) => {
    if (!worker) return;
    let last = worker.state;
    worker.addEventListener('statechange', () => {
      if (worker.state === 'redundant' && last === 'installing' && !registration.active) onFailed();
      last = worker.state;
    });
  };
  registration.addEventListener('updatefound', () => watch(registration.installing));
  if (registration.installing) watch(registration.installing);
  // Over before we looked: a failed first install leaves the registration with no worker at all.
  else if (!registration.waiting && !registration.active) onFailed();
}
