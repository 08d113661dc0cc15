/**
 * The passage a citation opened, shown beside the conversation with a little of the text around
 * it (rebuilt from the neighbouring stored chunks by their character offsets).
 */
import { surroundings } from '../core/surroundings';
import { chunksOf } from '../storage/documents';
import type { SourceRef } from '../storage/schema';

export interface PassageView {
  source: SourceRef;
  before: string;
  after: string;
}

export class PassageState {
  open = $state<PassageView | null>(null);
  #seq = 0;

  async show(source: SourceRef): Promise<void> {
    const seq = ++this.#seq;
    this.open = { source, before: '', after: '' };
    try {
      const chunks = await chunksOf(source.docId);
      if (seq !== this.#seq) return; // another passage was opened meanwhile
      this.open = { source, ...surroundings(chunks, source) };
    } catch {
      // The passage itself is already shown; its surroundings are a nicety.
    }
  }

  close(): void {
    this.#seq++;
    this.open = null;
  }
}
