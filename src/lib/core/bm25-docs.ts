/**
 * The per-document side of the BM25 index: slot numbers, lengths, liveness, and each document's
 * (term, tf) list in two shared typed-array pools rather than one small array per document (at 100k
 * chunks, per-object overhead would cost more than the data). Slots of removed documents stay dead
 * until `compact()` renumbers the live ones densely.
 */

function grow<T extends Uint32Array | Uint16Array | Float64Array | Uint8Array>(arr: T, need: number): T {
  if (need <= arr.length) return arr;
  let cap = Math.max(16, arr.length);
  while (cap < need) cap *= 2;
  const next = new (arr.constructor as new (n: number) => T)(cap);
  next.set(arr);
  return next;
}

export class DocTable {
  #ids: string[] = [];
  #slotOf = new Map<string, number>();
  #alive = new Uint8Array(0);
  #lengths = new Float64Array(0);
  #start = new Uint32Array(0);
  #count = new Uint32Array(0);
  #termPool = new Uint32Array(0);
  #tfPool = new Uint16Array(0);
  #used = 0;
  #live = 0;
  #totalLength = 0;

  /** Slots in use, dead ones included. */
  get slots(): number {
    return this.#ids.length;
  }
  get live(): number {
    return this.#live;
  }
  get totalLength(): number {
    return this.#totalLength;
  }
  /** 1 for a live slot; read directly in the scoring loop. */
  get alive(): Uint8Array {
    return this.#alive;
  }
  get lengths(): Float64Array {
    return this.#lengths;
  }

  has(id: string): boolean {
    return this.#slotOf.has(id);
  }
  /** The live slot of a document, or undefined. */
  slotOf(id: string): number | undefined {
    return this.#slotOf.get(id);
  }
  idAt(slot: number): string {
    return this.#ids[slot] as string;
  }
  /** Term ids of a slot's document (a view into the pool: copy it before the next add). */
  terms(slot: number): Uint32Array {
    const start = this.#start[slot] as number;
    return this.#termPool.subarray(start, start + (this.#count[slot] as number));
  }
  freqs(slot: number): Uint16Array {
    const start = this.#start[slot] as number;
    return this.#tfPool.subarray(start, start + (this.#count[slot] as number));
  }

  /** Append a document (the id must not be present) and return its slot. */
  add(id: string, counts: Map<number, number>, length: number): number {
    const slot = this.#ids.length;
    this.#ids.push(id);
    this.#slotOf.set(id, slot);
    this.#alive = grow(this.#alive, slot + 1);
    this.#lengths = grow(this.#lengths, slot + 1);
    this.#start = grow(this.#start, slot + 1);
    this.#count = grow(this.#count, slot + 1);
    this.#termPool = grow(this.#termPool, this.#used + counts.size);
    this.#tfPool = grow(this.#tfPool, this.#used + counts.size);
    this.#alive[slot] = 1;
    this.#lengths[slot] = length;
    this.#start[slot] = this.#used;
    this.#count[slot] = counts.size;
    for (const [t, tf] of counts) {
      this.#termPool[this.#used] = t;
      this.#tfPool[this.#used] = Math.min(tf, 0xffff);
      this.#used++;
    }
    this.#live++;
    this.#totalLength += length;
    return slot;
  }

  /** Mark a document dead; returns its term ids so the caller can fix document frequencies. */
  remove(id: string): Uint32Array | undefined {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return undefined;
    this.#slotOf.delete(id);
    this.#alive[slot] = 0;
    this.#ids[slot] = '';
    this.#live--;
    this.#totalLength -= this.#lengths[slot] as number;
    return this.terms(slot);
  }

  /** Renumber live documents 0..live-1; returns old slot → new slot (-1 for dead), or null if none were dead. */
  compact(): Int32Array | null {
    const old = this.#ids.length;
    if (this.#live === old) return null;
    const remap = new Int32Array(old).fill(-1);
    const ids: string[] = [];
    for (let s = 0; s < old; s++) if (this.#alive[s] === 1) remap[s] = ids.push(this.#ids[s] as string) - 1;
    const m = ids.length;
    const cap = Math.max(16, m);
    const lengths = new Float64Array(cap);
    const start = new Uint32Array(cap);
    const count = new Uint32Array(cap);
    const termPool = new Uint32Array(Math.max(16, this.#used));
    const tfPool = new Uint16Array(Math.max(16, this.#used));
    let used = 0;
    for (let s = 0; s < old; s++) {
      const to = remap[s] as number;
      if (to < 0) continue;
      const from = this.#start[s] as number;
      const n = this.#count[s] as number;
      termPool.set(this.#termPool.subarray(from, from + n), used);
      tfPool.set(this.#tfPool.subarray(from, from + n), used);
      lengths[to] = this.#lengths[s] as number;
      start[to] = used;
      count[to] = n;
      used += n;
    }
    this.#ids = ids;
    this.#slotOf = new Map(ids.map((id, s) => [id, s]));
    this.#alive = new Uint8Array(cap).fill(1, 0, m);
    this.#lengths = lengths;
    this.#start = start;
    this.#count = count;
    this.#termPool = termPool;
    this.#tfPool = tfPool;
    this.#used = used;
    return remap;
  }
}
