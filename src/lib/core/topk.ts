/**
 * A bounded min-heap that keeps the k best (item, score) pairs seen so far, so a search over n
 * candidates costs O(n log k) and never sorts the whole candidate list.
 * Items are small integers (slot numbers) kept in typed arrays to avoid per-hit objects.
 */
export class TopK {
  readonly k: number;
  #items: Int32Array;
  #scores: Float64Array;
  #size = 0;

  constructor(k: number) {
    this.k = Math.max(0, Math.floor(k));
    this.#items = new Int32Array(this.k);
    this.#scores = new Float64Array(this.k);
  }

  get size(): number {
    return this.#size;
  }

  /** The score an item must beat to enter once the heap is full; -Infinity before that. */
  get threshold(): number {
    return this.#size < this.k ? -Infinity : (this.#scores[0] as number);
  }

  /** Whether (item, score) would be kept; lets callers skip expensive work (filters) for losers. */
  wouldAccept(item: number, score: number): boolean {
    if (this.k === 0 || Number.isNaN(score)) return false;
    if (this.#size < this.k) return true;
    return this.#better(item, score, this.#items[0] as number, this.#scores[0] as number);
  }

  push(item: number, score: number): void {
    if (!this.wouldAccept(item, score)) return;
    if (this.#size < this.k) {
      this.#items[this.#size] = item;
      this.#scores[this.#size] = score;
      this.#siftUp(this.#size++);
    } else {
      this.#items[0] = item;
      this.#scores[0] = score;
      this.#siftDown(0);
    }
  }

  /** Best first. Equal scores are ordered by smaller item first, so results are deterministic. */
  sorted(): Array<{ item: number; score: number }> {
    const out: Array<{ item: number; score: number }> = [];
    for (let i = 0; i < this.#size; i++) out.push({ item: this.#items[i] as number, score: this.#scores[i] as number });
    out.sort((a, b) => b.score - a.score || a.item - b.item);
    return out;
  }

  /** Ties break towards the smaller item so the heap agrees with a stable full sort. */
  #better(itemA: number, scoreA: number, itemB: number, scoreB: number): boolean {
    return scoreA > scoreB || (scoreA === scoreB && itemA < itemB);
  }

  #siftUp(i: number): void {
    const items = this.#items;
    const scores = this.#scores;
    const item = items[i] as number;
    const score = scores[i] as number;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pItem = items[parent] as number;
      const pScore = scores[parent] as number;
      // Min-heap on "goodness": stop once the parent is worse than (or equal to) us.
      if (!this.#better(pItem, pScore, item, score)) break;
      items[i] = pItem;
      scores[i] = pScore;
      i = parent;
    }
    items[i] = item;
    scores[i] = score;
  }

  #siftDown(i: number): void {
    const items = this.#items;
    const scores = this.#scores;
    const n = this.#size;
    const item = items[i] as number;
    const score = scores[i] as number;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let worst = l;
      if (r < n && this.#better(items[l] as number, scores[l] as number, items[r] as number, scores[r] as number)) worst = r;
      if (!this.#better(item, score, items[worst] as number, scores[worst] as number)) break;
      items[i] = items[worst] as number;
      scores[i] = scores[worst] as number;
      i = worst;
    }
    items[i] = item;
    scores[i] = score;
  }
}
