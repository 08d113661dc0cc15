/**
 * Registers the service worker that keeps a copy of the app for offline use, tells the person when it
 * could not (and why: the worker says so, see install-outcome.ts), and hands a waiting new version to
 * the update prompt (update.svelte.ts).
 */
import { registerSW } from 'virtual:pwa-register';
import { offlineCacheProblem } from './cache-space';
import { isInstallFailedMessage, readOutcome, SW_CHANNEL, type InstallFailure } from './install-outcome';
import { watchInstall } from './install-watch';
import { offlineCache } from './offline-cache.svelte';
import { appUpdate } from './update.svelte';

/** How long a failed install waits for the worker's own word before looking for the reason it kept. */
const MESSAGE_GRACE_MS = 1500;

let told: InstallFailure | null = null;

function listen(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  new BroadcastChannel(SW_CHANNEL).addEventListener('message', (event: MessageEvent<unknown>) => {
    if (!isInstallFailedMessage(event.data) || told) return;
    told = event.data.reason;
    offlineCache.failed(told);
  });
}

/** The install failed: the worker's message, else the reason it kept, else a guess from the storage estimate. */
async function reportFailure(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, MESSAGE_GRACE_MS));
  if (told) return;
  const reason = (await readOutcome()) ?? (await offlineCacheProblem());
  if (!told) offlineCache.failed(reason);
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  listen();
  const updateSW = registerSW({
    immediate: true,
    onNeedRefresh() {
      appUpdate.waiting(async () => {
        // The new version controls the page once it took over: reload into it. (Done here rather than
        // by registerSW, which reloads only a page that was controlled when it registered.)
        navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
        await updateSW(true);
      });
    },
    onNeedReload() {
      // the controllerchange listener above reloads
    },
    onRegisteredSW(_url, registration) {
      if (registration) watchInstall(registration, () => void reportFailure());
    },
    onRegisterError() {
      // Under a worker that already controls the page the app still opens offline; say nothing then.
      if (!navigator.serviceWorker.controller) void reportFailure();
    },
  });
}
