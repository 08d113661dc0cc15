/**
 * The library's embedding model on the page: which one search and new files use (the one the
 * stored vectors come from), which one the library should be on (the person's choice; a better-
 * suited recommendation is offered, not imposed), and bringing it there: the library worker embeds
 * every passage again (reembed.svelte.ts), and when it has switched the store, every window moves
 * its search over (`switched`, told over the library channel). The rules are library/embedder-plan.ts.
 */
import type { Catalog, EmbedderModel } from '../catalog/types';
import type { EmbedPlan } from '../device/embed-policy';
import type { EmbedderRecommendation } from '../device/recommend-embedder';
import { embedderOf, needsReembed, planEmbedder, type EmbedderPlan } from '../library/embedder-plan';
import type { LibraryClient } from '../library/client';
import type { RetrievalClient } from '../retrieval/client';
import type { DocumentRecord } from '../storage/schema';
import { ReembedState } from './reembed.svelte';
import type { EmbedderChoice } from '../../../workers/library.protocol';

export interface EmbedderSetup {
  catalog: Catalog;
  /**
   * The person's choice (settings), or null; read afresh each time, since another window may have
   * made one (else two windows with different choices would switch the library back and forth).
   */
  chosenId: () => string | null;
  /** The recommendation for these documents (their languages, the browser's, the device). */
  recommend: (docs: readonly DocumentRecord[]) => EmbedderRecommendation;
  modelBaseUrl: string;
  /**
   * Where documents are embedded with a model, and the record both workers load for it (the GPU's
   * file on a device whose documents go there): src/lib/device/embed-policy.ts. Absent: WASM.
   */
  onDevice?: (model: EmbedderModel) => EmbedPlan;
  /** Stores the person's choice in the settings (no reload). */
  saveChoice: (embedderId: string) => void;
}

/** What changed about search by itself: it moved to `model`, or another window moved the library to one this catalog lacks. */
export type EmbedderNotice = { code: 'switched' | 'unknown'; model: string };

export class EmbedderState {
  plan = $state.raw<EmbedderPlan | null>(null);
  /** What search and new files use; null before the library started. */
  choice = $state.raw<EmbedderChoice | null>(null);
  /** Loading the new model for questions after a switch (bytes), or null. */
  loading = $state.raw<{ loadedBytes: number; totalBytes: number } | null>(null);
  /** What the last switch did, for the person. */
  notice = $state.raw<EmbedderNotice | null>(null);
  readonly reembed: ReembedState;
  #retrieval: RetrievalClient;
  #setup: EmbedderSetup | null = null;
  #lane: Promise<void> = Promise.resolve();

  constructor(retrieval: RetrievalClient, writer: LibraryClient) {
    this.#retrieval = retrieval;
    this.reembed = new ReembedState(writer);
  }

  /** Decides, from the stored documents, which embedder the library starts with. */
  decide(setup: EmbedderSetup, docs: readonly DocumentRecord[]): EmbedderPlan {
    this.#setup = setup;
    const plan = planEmbedder(setup.catalog, docs, setup.chosenId(), setup.recommend(docs));
    this.plan = plan;
    return plan;
  }

  /** The record the workers load for `model` (the catalog's own, or with the GPU's file), and where documents go. */
  onDevice(model: EmbedderModel): EmbedPlan {
    return this.#setup?.onDevice?.(model) ?? { device: 'wasm', embedder: model, reason: 'no device policy' };
  }

  /** What the library worker is asked to embed with: `model` on this device. */
  #choiceFor(model: EmbedderModel, modelBaseUrl: string): EmbedderChoice {
    const { embedder, device } = this.onDevice(model);
    return { embedder, modelBaseUrl, device };
  }

  /** Search runs with the plan's active embedder: bring the library to its target (or just tidy up). */
  started(): void {
    const { plan } = this;
    if (!plan || !this.#setup) return;
    this.choice = this.#choiceFor(plan.active, this.#setup.modelBaseUrl);
    // Always asked once: the worker also drops vectors left from a switch the person undid.
    void this.#bringTo(plan.target);
  }

  /** The documents changed: plan again, and catch up documents stored with another embedder. */
  refresh(docs: readonly DocumentRecord[]): void {
    const setup = this.#setup;
    if (!setup || !this.choice) return;
    const plan = planEmbedder(setup.catalog, docs, setup.chosenId(), setup.recommend(docs));
    this.plan = plan;
    const running = this.reembed.status === 'running' && this.reembed.target?.id === plan.target.id;
    if (needsReembed(plan, docs) && !running) void this.#bringTo(plan.target);
  }

  /** The person picks an embedder (the offer, or Settings): the library is embedded again with it. */
  choose(model: EmbedderModel, docs: readonly DocumentRecord[]): void {
    const setup = this.#setup;
    if (!setup) return;
    setup.saveChoice(model.id);
    this.notice = null;
    this.refresh(docs);
  }

  /** Keeps the embedder the library has: the offer is not made again. */
  keep(docs: readonly DocumentRecord[]): void {
    const active = this.plan?.active;
    if (active) this.choose(active, docs);
  }

  /**
   * The store now holds `embedderId`'s vectors (this window's job or another's): move search over.
   * The old embedder and indexes answer until the new ones are ready. Switches run one at a time.
   */
  switched(embedderId: string): Promise<void> {
    const run = this.#lane.then(() => this.#switch(embedderId));
    this.#lane = run.catch(() => undefined);
    return run;
  }

  async #switch(embedderId: string): Promise<void> {
    const setup = this.#setup;
    if (!setup || !this.choice) return;
    const model = embedderOf(setup.catalog, embedderId);
    if (!model) {
      this.notice = { code: 'unknown', model: embedderId };
      return;
    }
    const changed = this.choice.embedder.id !== model.id;
    try {
      await this.#retrieval.call('switchEmbedder', { embedder: this.onDevice(model).embedder, modelBaseUrl: setup.modelBaseUrl }, { onEvent: (p) => (this.loading = p) });
    } finally {
      this.loading = null;
    }
    this.choice = this.#choiceFor(model, setup.modelBaseUrl);
    if (changed) this.notice = { code: 'switched', model: model.name };
  }

  #bringTo(target: EmbedderModel): Promise<void> {
    const setup = this.#setup;
    if (!setup) return Promise.resolve();
    return this.reembed.run(this.#choiceFor(target, setup.modelBaseUrl));
  }
}
