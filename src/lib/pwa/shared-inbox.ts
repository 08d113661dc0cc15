/**
 * What another app shared with Hearth (the manifest's share_target): the service worker receives the
 * POST, keeps the items here and sends the page to `/?shared=<id>`; the page takes them out (once)
 * and adds them to the library. Kept in Cache Storage, which both sides can reach.
 */

export const SHARE_TARGET_PATH = '/share-target';
export const SHARED_PARAM = 'shared';
const INBOX = 'hearth-shared';
const PREFIX = '/__hearth/shared/';
const NAME_HEADER = 'x-hearth-name';

export interface SharedText {
  title: string;
  text: string;
  url: string;
}

export interface SharedItems {
  files: File[];
  /** The shared title, text and link, or null when only files came. */
  text: SharedText | null;
}

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** Keep what came in a share; returns the id the page takes it with. */
export async function keepShared(form: FormData): Promise<string> {
  const id = crypto.randomUUID();
  const cache = await caches.open(INBOX);
  const files = form.getAll('files').filter((f): f is File => typeof f !== 'string' && f.size > 0);
  for (const [i, file] of files.entries()) {
    const headers = { 'content-type': file.type || 'application/octet-stream', [NAME_HEADER]: encodeURIComponent(file.name) };
    await cache.put(`${PREFIX}${id}/file/${i}`, new Response(file, { headers }));
  }
  const text: SharedText = { title: field(form, 'title'), text: field(form, 'text'), url: field(form, 'url') };
  if (text.title || text.text || text.url) await cache.put(`${PREFIX}${id}/text`, Response.json(text));
  return id;
}

/** Take (and remove) the items kept under `id`; nothing when they were taken already. */
export async function takeShared(id: string): Promise<SharedItems> {
  const items: SharedItems = { files: [], text: null };
  if (typeof caches === 'undefined' || !/^[\w-]+$/u.test(id)) return items;
  const cache = await caches.open(INBOX);
  const base = new URL(`${PREFIX}${id}/`, location.origin).href;
  for (const request of await cache.keys()) {
    if (!request.url.startsWith(base)) continue;
    const response = await cache.match(request);
    if (response && request.url.startsWith(`${base}file/`)) {
      const name = decodeURIComponent(response.headers.get(NAME_HEADER) ?? 'shared file');
      items.files.push(new File([await response.blob()], name, { type: response.headers.get('content-type') ?? '' }));
    } else if (response) {
      items.text = (await response.json()) as SharedText;
    }
    await cache.delete(request);
  }
  return items;
}
