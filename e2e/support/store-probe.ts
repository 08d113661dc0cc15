/**
 * Searches everything the app's origin can keep for some strings, ignoring case: every record and key
 * of every IndexedDB database (strings, and bytes of typed arrays and Blobs), every file in the
 * Origin Private File System (recursively), every request and response body in Cache Storage, and
 * localStorage and sessionStorage. Bytes are read as UTF-8 and as UTF-16LE (at both alignments).
 * Used to check that a deleted document leaves none of its text behind.
 */
import type { Page } from '@playwright/test';

export interface ProbeReport {
  /** Where a string was found, e.g. "indexeddb hearth/chunks", "opfs index/search.snapshot (utf-8)". */
  hits: string[];
  /** What was read, so a test can tell that a place was searched at all. */
  searched: { databases: string[]; stores: string[]; records: number; files: string[]; cached: string[]; storageKeys: number };
  /** Places that could not be read even after retries (a probe that skipped them would prove nothing). */
  unreadable: string[];
}

export type Place = 'indexeddb' | 'opfs' | 'cache' | 'storage';
const EVERY_PLACE: readonly Place[] = ['indexeddb', 'opfs', 'cache', 'storage'];

/** Runs in the page: self-contained, as Playwright sends it as source text. */
async function probeInPage({ needles, places }: { needles: string[]; places: Place[] }): Promise<ProbeReport> {
  const report: ProbeReport = { hits: [], searched: { databases: [], stores: [], records: 0, files: [], cached: [], storageKeys: 0 }, unreadable: [] };
  const wanted = needles.map((n) => n.toLowerCase());
  const check = (where: string, text: string) => {
    const folded = text.toLowerCase();
    for (const n of wanted) if (folded.includes(n)) report.hits.push(`${where}: ${n}`);
  };
  const checkBytes = (where: string, bytes: Uint8Array) => {
    check(`${where} (utf-8)`, new TextDecoder('utf-8').decode(bytes));
    check(`${where} (utf-16le)`, new TextDecoder('utf-16le').decode(bytes));
    if (bytes.byteLength > 1) check(`${where} (utf-16le, odd)`, new TextDecoder('utf-16le').decode(bytes.subarray(1)));
  };
  const retry = async <T>(read: () => Promise<T>): Promise<T | null> => {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        return await read();
      } catch {
        await new Promise((r) => setTimeout(r, 200)); // a worker may hold the file for a moment
      }
    }
    return null;
  };

  /** Every string in a structured-clone value; bytes and Blobs go to `bytes`. */
  const walk = (value: unknown, strings: string[], bytes: (Uint8Array | Blob)[], seen: Set<object>) => {
    if (typeof value === 'string') strings.push(value);
    else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') strings.push(String(value));
    else if (value instanceof Blob) bytes.push(value);
    else if (value instanceof ArrayBuffer) bytes.push(new Uint8Array(value));
    else if (ArrayBuffer.isView(value)) bytes.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    else if (value && typeof value === 'object' && !seen.has(value)) {
      seen.add(value);
      const entries = value instanceof Map ? [...value.entries()].flat() : value instanceof Set ? [...value] : Object.entries(value).flat();
      for (const item of entries) walk(item, strings, bytes, seen);
    }
  };
  const checkValue = async (where: string, value: unknown) => {
    const strings: string[] = [];
    const bytes: (Uint8Array | Blob)[] = [];
    walk(value, strings, bytes, new Set());
    check(where, strings.join('\n'));
    for (const b of bytes) checkBytes(`${where} bytes`, b instanceof Blob ? new Uint8Array(await b.arrayBuffer()) : b);
  };
  const request = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));

  for (const { name } of places.includes('indexeddb') ? await indexedDB.databases() : []) {
    if (!name) continue;
    report.searched.databases.push(name);
    const db = await request(indexedDB.open(name));
    try {
      for (const store of [...db.objectStoreNames]) {
        report.searched.stores.push(`${name}/${store}`);
        const tx = db.transaction(store, 'readonly');
        const [keys, values] = await Promise.all([request(tx.objectStore(store).getAllKeys()), request(tx.objectStore(store).getAll())]);
        report.searched.records += values.length;
        await checkValue(`indexeddb ${name}/${store} keys`, keys);
        for (const [i, value] of values.entries()) await checkValue(`indexeddb ${name}/${store} [${String(keys[i])}]`, value);
      }
    } finally {
      db.close();
    }
  }

  const visit = async (dir: FileSystemDirectoryHandle, path: string): Promise<void> => {
    for await (const [name, handle] of dir.entries()) {
      const at = path ? `${path}/${name}` : name;
      check(`opfs name ${at}`, name);
      if (handle.kind === 'directory') {
        await visit(handle as FileSystemDirectoryHandle, at);
        continue;
      }
      const bytes = await retry(async () => new Uint8Array(await (await (handle as FileSystemFileHandle).getFile()).arrayBuffer()));
      if (!bytes) {
        report.unreadable.push(`opfs ${at}`);
        continue;
      }
      report.searched.files.push(at);
      checkBytes(`opfs ${at}`, bytes);
    }
  };
  if (places.includes('opfs')) await visit(await navigator.storage.getDirectory(), '');

  for (const name of places.includes('cache') ? await caches.keys() : []) {
    const cache = await caches.open(name);
    for (const req of await cache.keys()) {
      report.searched.cached.push(`${name} ${req.url}`);
      check(`cache ${name} url`, req.url);
      const response = await cache.match(req);
      if (!response) continue;
      check(`cache ${name} ${req.url} headers`, [...response.headers].flat().join('\n'));
      checkBytes(`cache ${name} ${req.url}`, new Uint8Array(await response.arrayBuffer()));
    }
  }

  for (const [label, storage] of places.includes('storage') ? ([['localStorage', localStorage], ['sessionStorage', sessionStorage]] as const) : []) {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i) ?? '';
      report.searched.storageKeys++;
      check(`${label} ${key}`, `${key}\n${storage.getItem(key) ?? ''}`);
    }
  }
  return report;
}

/** Search every store of the page's origin (or only `places`) for `needles` (case-insensitive). */
export function probeStores(page: Page, needles: readonly string[], places: readonly Place[] = EVERY_PLACE): Promise<ProbeReport> {
  return page.evaluate(probeInPage, { needles: [...needles], places: [...places] });
}

/** Put `canary` in one place of each kind the probe reads (to show it is not blind to any of them). */
export function plantCanaries(page: Page, canary: string): Promise<void> {
  return page.evaluate(async (text) => {
    const utf16 = new Uint8Array(1 + text.length * 2); // at an odd offset, as in a binary file
    for (let i = 0; i < text.length; i++) utf16[1 + 2 * i] = text.charCodeAt(i);
    const root = await navigator.storage.getDirectory();
    const deep = await (await root.getDirectoryHandle('probe', { create: true })).getDirectoryHandle('deeper', { create: true });
    for (const [dir, name, bytes] of [[root, 'probe-utf8.txt', new TextEncoder().encode(text)], [deep, 'utf16.bin', utf16]] as const) {
      const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
      await writable.write(bytes);
      await writable.close();
    }
    await (await caches.open('probe')).put('/probe-canary', new Response(text.toUpperCase()));
    localStorage.setItem('probe', text);
    sessionStorage.setItem('probe', text);
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('probe', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('things');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('things', 'readwrite');
        tx.objectStore('things').put({ nested: [{ deep: text }] }, 'text');
        tx.objectStore('things').put({ vector: new Uint16Array([...text].map((c) => c.charCodeAt(0))) }, 'typed');
        tx.objectStore('things').put(new Blob([text]), 'blob');
        tx.oncomplete = () => (open.result.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
    });
  }, canary);
}
