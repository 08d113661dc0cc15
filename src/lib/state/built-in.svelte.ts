/**
 * The browser's own model (Prompt API): what the browser says about it (the offer, asked again when
 * Models opens: a download may have finished), the page-side host that runs it, and loading it with
 * the browser's own download progress (a fraction). ModelState decides when it is the model in use.
 */
import type { PromptApiModel } from '../catalog/types';
import { languageModelOf } from '../llm/built-in/api';
import { probePromptApi } from '../llm/built-in/detect';
import type { BuiltInLoadResult } from '../llm/built-in/engine';
import { createBuiltInHost, type BuiltInHost } from '../llm/built-in/host';
import { builtInOffer, OFFER_SENTENCES, type BuiltInOffer } from '../llm/built-in/offer';

const DETECT_TIMEOUT_MS = 2000;

export class BuiltInState {
  offer = $state.raw<BuiltInOffer>({ status: 'absent' });
  readonly host: BuiltInHost = createBuiltInHost();
  /** Learned from the first session; the same for every session of this browser's model. */
  #contextLength: number | null = null;

  /** The offered catalog entry, or null where nothing is offered. */
  get model(): PromptApiModel | null {
    return 'model' in this.offer ? this.offer.model : null;
  }

  /**
   * Ask the browser (a few `availability()` calls; no download, no session). Start-up waits for it,
   * so a browser that has not answered within DETECT_TIMEOUT_MS keeps what it said before (at start:
   * nothing offered); opening Models asks again.
   */
  async detect(browserLanguage: string | undefined = globalThis.navigator?.language): Promise<BuiltInOffer> {
    const late = Symbol('late');
    const timeout = new Promise<typeof late>((resolve) => setTimeout(() => resolve(late), DETECT_TIMEOUT_MS));
    const probe = await Promise.race([probePromptApi(languageModelOf(), browserLanguage), timeout]);
    if (probe !== late) this.offer = this.#withContext(builtInOffer(probe));
    return this.offer;
  }

  /** Whether loading it means the browser downloads its model first (or finishes doing so). */
  get needsDownload(): boolean {
    return this.offer.status === 'downloadable' || this.offer.status === 'downloading';
  }

  /**
   * Load it through the host. `onFraction` follows the browser's download of its model (0…1) where
   * it needs one (the browser reports 0 and 1 even when it had nothing to fetch, so those are not passed on).
   */
  async load(model: PromptApiModel, signal: AbortSignal, onFraction: (fraction: number) => void): Promise<BuiltInLoadResult> {
    const downloads = this.needsDownload;
    const result = await this.host.call('load', { model }, { signal, onEvent: (e) => downloads && onFraction(e.fraction) }).catch((error: unknown) => {
      // Stopped or failed: the browser may go on downloading by itself (the spec lets it), so ask it again.
      void this.detect();
      throw error;
    });
    this.#contextLength = result.contextLength;
    // The browser has it now, whatever it said before.
    if (this.model) this.offer = { status: 'available', model: { ...this.model, contextLength: result.contextLength }, sentence: OFFER_SENTENCES.available };
    return result;
  }

  #withContext(offer: BuiltInOffer): BuiltInOffer {
    return 'model' in offer && this.#contextLength !== null ? { ...offer, model: { ...offer.model, contextLength: this.#contextLength } } : offer;
  }
}
