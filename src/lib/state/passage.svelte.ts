/**
 * The passage a citation opened, shown beside the conversation with a little of the text around
 * it (rebuilt by the retrieval worker from the neighbouring stored chunks by their character offsets).
 */
import type { RetrievalClient } from '../retrieval/client';
import type { SourceRef } from '../storage/schema';

export interface PassageView {
  source: SourceRef;
  before: string;
  after: string;
}

export class PassageState {
  open = $state<PassageView | null>(null);
  #seq = 0;
  #client: RetrievalClient;

  constructor(client: RetrievalClient) {
    this.#client = client;
  }

  async show(source: SourceRef): Promise<void> {
    const seq = ++this.#seq;
    this.open = { source, before: '', after: '' };
    try {
      const around = await this.#client.call('surroundings', { docId: source.docId, start: source.start, end: source.end });
      if (seq !== this.#seq) return; // another passage was opened meanwhile
      this.open = { source, ...around };
    } catch {
      // The passage itself is already shown; its surroundings are a nicety.
    }
  }

  close(): void {
    this.#seq++;
    this.open = null;
  }
}
