/**
 * Hearth's service worker. It keeps a copy of the whole app (shell, ORT and llama.cpp runtimes, pdf.js
 * data: the build's precache list) so Hearth opens and works offline, answers every navigation with
 * index.html, and receives what other apps share with Hearth. When the copy cannot be saved it tells
 * the pages why (src/lib/pwa/install-outcome.ts), and a new version waits until the page says
 * "update" (src/lib/pwa/update.svelte.ts), so nothing running is interrupted.
 */
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clearOutcome, failureReason, keepOutcome, SW_CHANNEL, type InstallFailedMessage } from './lib/pwa/install-outcome';
import { keepShared, SHARE_TARGET_PATH, SHARED_PARAM } from './lib/pwa/shared-inbox';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

const precache = new PrecacheController();
precache.addToCacheList(self.__WB_MANIFEST);

/** Tell the pages why the copy failed. With no older version serving the app, its partial copy goes, freeing the room it took. */
async function installFailed(error: unknown): Promise<void> {
  const reason = failureReason(error);
  const firstInstall = !self.registration.active;
  try {
    if (firstInstall) {
      await caches.delete(precache.strategy.cacheName);
      await keepOutcome(reason);
    }
  } finally {
    const message: InstallFailedMessage = { type: 'install-failed', reason };
    if (firstInstall) new BroadcastChannel(SW_CHANNEL).postMessage(message);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    precache.install(event).catch(async (error: unknown) => {
      await installFailed(error).catch(() => undefined);
      throw error;
    }),
  );
});

self.addEventListener('activate', (event) => {
  void precache.activate(event);
  event.waitUntil(clearOutcome());
});

// The page asks for a waiting version to take over once nothing is running (registerSW's updateSW()).
self.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING') void self.skipWaiting();
});

cleanupOutdatedCaches();
clientsClaim();

registerRoute(new PrecacheRoute(precache));
registerRoute(new NavigationRoute(precache.createHandlerBoundToURL('index.html')));

// Shared from another app: keep the items, then open Hearth, which adds them to the library.
registerRoute(
  ({ url }) => url.pathname === SHARE_TARGET_PATH,
  async ({ request }) => {
    try {
      const id = await keepShared(await request.formData());
      return Response.redirect(`/?${SHARED_PARAM}=${id}`, 303);
    } catch {
      return Response.redirect(`/?${SHARED_PARAM}=failed`, 303);
    }
  },
  'POST',
);
