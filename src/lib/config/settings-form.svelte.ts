/**
 * The Settings dialog's form: the values being edited, checked before they are saved (a problem is
 * a message key with its values, so it is shown in the reader's language), then saved with a restart.
 */
import type { MessageKey } from '../i18n/catalog';
import type { MessageVars } from '../i18n/format';
import { addressAllowed, originLabel } from '../security/page-policy';
import { inRange, SAMPLING_LIMITS as L, validUrlOrNull, type Settings } from './settings';

export interface FormProblem {
  key: MessageKey;
  vars?: MessageVars;
}

export class SettingsForm {
  catalogUrl = $state('');
  modelBaseUrl = $state('');
  llmId = $state('');
  embedderId = $state('');
  topK = $state(4);
  rerank = $state<Settings['rerank']>('auto');
  temperature = $state(0.2);
  topP = $state(0.9);
  maxAnswerTokens = $state(384);
  problem = $state<FormProblem | null>(null);
  /** The embedder the library is on now: left on it and never chosen, the setting stays "none chosen". */
  readonly embedderInUse: string | null;
  readonly #saved: Settings;

  constructor(saved: Settings, embedderInUse: string | null) {
    this.#saved = saved;
    this.embedderInUse = embedderInUse;
    this.catalogUrl = saved.catalogUrl ?? '';
    this.modelBaseUrl = saved.modelBaseUrl ?? '';
    this.llmId = saved.llmId ?? '';
    this.embedderId = saved.embedderId ?? embedderInUse ?? '';
    this.topK = saved.topK;
    this.rerank = saved.rerank;
    this.temperature = saved.temperature;
    this.topP = saved.topP;
    this.maxAnswerTokens = saved.maxAnswerTokens;
  }

  /** The settings to save, or null with `problem` set to what is wrong. */
  check(): Settings | null {
    this.problem = this.#problem();
    if (this.problem) return null;
    // Left on the model in use, and never chosen: a later recommendation may still be offered.
    const embedderId = this.embedderId === this.embedderInUse && this.#saved.embedderId === null ? null : this.embedderId || null;
    return {
      catalogUrl: validUrlOrNull(this.catalogUrl),
      modelBaseUrl: validUrlOrNull(this.modelBaseUrl),
      llmId: this.llmId || null,
      embedderId,
      topK: this.topK,
      rerank: this.rerank,
      temperature: this.temperature,
      topP: this.topP,
      maxAnswerTokens: this.maxAnswerTokens,
    };
  }

  #problem(): FormProblem | null {
    if (this.catalogUrl.trim() && !validUrlOrNull(this.catalogUrl)) return { key: 'settings.problemCatalog' };
    if (this.modelBaseUrl.trim() && !validUrlOrNull(this.modelBaseUrl)) return { key: 'settings.problemSource' };
    // An address this installation's Content-Security-Policy forbids is named now, not as a failed download later.
    const blocked = [validUrlOrNull(this.catalogUrl), validUrlOrNull(this.modelBaseUrl)].find((url) => url !== null && !addressAllowed(url));
    if (blocked) return { key: 'security.addressNotAllowed', vars: { origin: originLabel(blocked) } };
    if (inRange(this.temperature, L.temperature) === null) return { key: 'settings.problemTemperature', vars: L.temperature };
    if (inRange(this.topP, L.topP) === null) return { key: 'settings.problemTopP', vars: L.topP };
    if (inRange(this.maxAnswerTokens, L.maxAnswerTokens) === null) return { key: 'settings.problemMaxTokens', vars: L.maxAnswerTokens };
    return null;
  }
}
