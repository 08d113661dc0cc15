/**
 * Files handed to the library worker but not yet safely queued (their bytes still being read and
 * hashed). Once queued, a reload resumes a file; before that, a reload loses it, so the page notes
 * each file here (sessionStorage: this tab only, kept across a reload) until the worker says it is
 * queued, and at the next start tells the person which files were not added.
 */

const KEY = 'hearth.handingOver';

interface Entry {
  key: string;
  name: string;
}

function read(storage: Storage): Entry[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((e): e is Entry => typeof e?.key === 'string' && typeof e?.name === 'string') : [];
  } catch {
    return [];
  }
}

function write(storage: Storage, entries: Entry[]): void {
  try {
    if (entries.length === 0) storage.removeItem(KEY);
    else storage.setItem(KEY, JSON.stringify(entries));
  } catch {
    // Storage refused (private mode, full): the only loss is the notice after a reload.
  }
}

export class Handover {
  readonly #storage: Storage;
  readonly #prefix = crypto.randomUUID();

  constructor(storage: Storage = sessionStorage) {
    this.#storage = storage;
  }

  /** Names of files a previous page of this tab was handing over when it went away; forgets them. */
  takeLeftovers(): string[] {
    const left = read(this.#storage).filter((e) => !e.key.startsWith(this.#prefix));
    write(this.#storage, read(this.#storage).filter((e) => e.key.startsWith(this.#prefix)));
    return left.map((e) => e.name);
  }

  begin(key: number, name: string): void {
    write(this.#storage, [...read(this.#storage), { key: `${this.#prefix}:${key}`, name }]);
  }

  end(key: number): void {
    const id = `${this.#prefix}:${key}`;
    write(this.#storage, read(this.#storage).filter((e) => e.key !== id));
  }
}
