/** Registers the service worker that precaches the app shell and runtimes for offline use, and tells the person when it could not. */
import { registerSW } from 'virtual:pwa-register';
import { offlineCacheProblem } from './cache-space';
import { watchInstall } from './install-watch';
import { offlineCache } from './offline-cache.svelte';

function reportFailure(): void {
  void offlineCacheProblem().then((problem) => offlineCache.failed(problem));
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  registerSW({
    immediate: true,
    onRegisteredSW(_url, registration) {
      if (registration) watchInstall(registration, reportFailure);
    },
    onRegisterError() {
      // Under a worker that already controls the page the app still opens offline; say nothing then.
      if (!navigator.serviceWorker.controller) reportFailure();
    },
  });
}
