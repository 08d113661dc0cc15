/**
 * An in-memory Web Locks API for unit tests (Node has no `navigator.locks`): one `FakeLockWorld` is an
 * origin, each `client()` a window's LLM worker. It follows the parts of the spec Hearth relies on:
 * exclusive and shared modes, a FIFO queue per name, `ifAvailable`, `signal`, and `query()`.
 */
import type { LockManagerLike } from '../locks';

interface Entry {
  name: string;
  mode: LockMode;
  clientId: string;
}

interface Waiter extends Entry {
  grant: () => void;
}

export class FakeLockWorld {
  readonly held: Entry[] = [];
  readonly pending: Waiter[] = [];

  readonly #clients = new Map<string, LockManagerLike>();

  /** The lock manager of one window (the same object for the same id, like `navigator.locks`). */
  client(clientId: string): LockManagerLike {
    let client = this.#clients.get(clientId);
    if (!client) {
      client = {
        request: <T>(name: string, options: LockOptions, callback: (lock: Lock | null) => T) => this.#request(clientId, name, options, callback),
        query: () => Promise.resolve(this.#snapshot()),
      };
      this.#clients.set(clientId, client);
    }
    return client;
  }

  /** Names held right now (for assertions). */
  heldNames(): string[] {
    return this.held.map((h) => h.name);
  }

  #grantable(name: string, mode: LockMode, ahead: Waiter[]): boolean {
    const holders = this.held.filter((h) => h.name === name);
    const queued = ahead.filter((w) => w.name === name);
    if (mode === 'exclusive') return holders.length === 0 && queued.length === 0;
    return holders.every((h) => h.mode === 'shared') && queued.every((w) => w.mode === 'shared');
  }

  #request<T>(clientId: string, name: string, options: LockOptions, callback: (lock: Lock | null) => T): Promise<Awaited<T>> {
    const mode = options.mode ?? 'exclusive';
    const entry: Entry = { name, mode, clientId };
    if (options.signal?.aborted) return Promise.reject(new DOMException('aborted', 'AbortError'));
    if (!this.#grantable(name, mode, this.pending)) {
      if (options.ifAvailable) return Promise.resolve(callback(null)) as Promise<Awaited<T>>;
      return new Promise<Awaited<T>>((resolve, reject) => {
        const waiter: Waiter = { ...entry, grant: () => this.#run(entry, callback).then(resolve, reject) };
        this.pending.push(waiter);
        options.signal?.addEventListener('abort', () => {
          const at = this.pending.indexOf(waiter);
          if (at < 0) return; // already granted: the signal no longer applies
          this.pending.splice(at, 1);
          reject(new DOMException('aborted', 'AbortError'));
          this.#drain();
        }, { once: true });
      });
    }
    return this.#run(entry, callback);
  }

  async #run<T>(entry: Entry, callback: (lock: Lock | null) => T): Promise<Awaited<T>> {
    this.held.push(entry);
    try {
      return await callback({ name: entry.name, mode: entry.mode });
    } finally {
      this.held.splice(this.held.indexOf(entry), 1);
      this.#drain();
    }
  }

  /** Grant every waiter that can run now, in queue order. */
  #drain(): void {
    for (let i = 0; i < this.pending.length; ) {
      const waiter = this.pending[i]!;
      if (this.#grantable(waiter.name, waiter.mode, this.pending.slice(0, i))) {
        this.pending.splice(i, 1);
        waiter.grant();
      } else {
        i++;
      }
    }
  }

  #snapshot(): LockManagerSnapshot {
    const info = (e: Entry): LockInfo => ({ name: e.name, mode: e.mode, clientId: e.clientId });
    return { held: this.held.map(info), pending: this.pending.map(info) };
  }
}
