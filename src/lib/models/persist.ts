/**
 * Ask the browser to keep Hearth's storage under pressure (`navigator.storage.persist()`), once per
 * session, when the user starts a model download: that is when evicting would cost them the most.
 * The API exists only in windows, not workers, so the page asks before telling the worker to download.
 */
let asked: Promise<boolean> | null = null;

export function requestPersistentStorage(): Promise<boolean> {
  asked ??= (async () => {
    try {
      const storage = globalThis.navigator?.storage;
      if (!storage?.persist) return false;
      return (await storage.persisted?.()) || (await storage.persist());
    } catch {
      return false; // a refusal is not an error: the download goes ahead either way
    }
  })();
  return asked;
}
