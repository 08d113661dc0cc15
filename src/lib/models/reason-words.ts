/**
 * Why Hearth picked a model, in the reader's language: the facts of a reason (device/reasons.ts) put
 * into the catalog's sentences (reasons area). Pure: the language comes in as a `Words`.
 */
import type { EmbedderReason, LanguageSource, LlmReason, Strength } from '../device/reasons';
import type { MessageKey } from '../i18n/catalog';
import { errorTextIn } from '../i18n/error-words';
import { localeNumber } from '../i18n/number-format';
import type { Words } from '../i18n/translate';
import { languageIn } from './plain-words';

/** A language's name inside a sentence: German and English write it with a capital letter, French and Spanish do not. */
export function languageInSentence(code: string, locale: string): string {
  const name = languageIn(code, locale);
  return locale === 'de' || locale === 'en' ? name : name.toLocaleLowerCase(locale);
}

const FIGURE_MEANING: Readonly<Record<string, MessageKey>> = {
  IFEval: 'reasons.figure.instructions',
  'MMLU-Pro': 'reasons.figure.knowledge',
  MMLU: 'reasons.figure.knowledge',
};

function strength(w: Words, s: Strength | null, claim: MessageKey): string {
  if (!s) return '';
  const text = w.t(claim);
  const f = s.figure;
  return f ? w.t('reasons.strengthFigure', { claim: text, meaning: w.t(FIGURE_MEANING[f.name]!), name: f.name, value: localeNumber(f.value, w.locale) }) : w.t('reasons.strength', { claim: text });
}

function memory(w: Words, gb: number | null): string {
  return gb === null ? w.t('reasons.memoryUnknown') : w.t('reasons.memory', { gb: localeNumber(gb, w.locale) });
}

function languageNote(w: Words, fit: { language: string; supported: boolean } | null): string {
  if (!fit) return '';
  return w.t(fit.supported ? 'reasons.speaks' : 'reasons.notSpeaks', { language: languageInSentence(fit.language, w.locale) });
}

const ENGINE_NAMES = { transformers: 'ONNX Runtime', wllama: 'llama.cpp' } as const;

/** The sentence for why this answer model. */
export function llmReasonText(w: Words, r: LlmReason): string {
  switch (r.code) {
    case 'gpu':
      return w.t('reasons.gpu', {
        model: r.model,
        memory: memory(w, r.memoryGB),
        strength: strength(w, r.strength, 'reasons.claim.gpu'),
        f32: r.f32 ? w.t('reasons.f32') : '',
        language: languageNote(w, r.language),
      });
    case 'cpu':
      return w.t('reasons.cpu', {
        why: w.t(`reasons.why.${r.why}`),
        model: r.model,
        engine: r.engine ? w.t('reasons.engine', { engine: ENGINE_NAMES[r.engine] }) : '',
        memory: memory(w, r.memoryGB),
        strength: strength(w, r.strength, 'reasons.claim.cpu'),
        language: languageNote(w, r.language),
      });
    case 'no-cpu-model':
      return w.t('reasons.noCpuModel', { why: w.t(`reasons.why.${r.why}`), model: r.model });
    case 'built-in':
      return w.t('reasons.builtIn', { model: r.own, language: r.language ? w.t('reasons.builtInSpeaks', { language: languageInSentence(r.language, w.locale) }) : '' });
    case 'chosen':
      return w.t('reasons.chosen');
    case 'gone':
      return w.t('reasons.gone', { id: r.chosenId, then: llmReasonText(w, r.then) });
    case 'fallback':
      return w.t('reasons.fallback', { model: r.from, error: errorTextIn(w, r.error), other: r.to });
  }
}

function because(w: Words, b: LanguageSource): string {
  switch (b.kind) {
    case 'browser':
      return w.t('reasons.because.browser', { language: languageInSentence(b.language, w.locale) });
    case 'documents': {
      const language = languageInSentence(b.language, w.locale);
      return b.documents === 1 ? w.t('reasons.because.documentsOne', { language }) : w.t('reasons.because.documentsOther', { count: b.documents, language });
    }
    case 'english':
      return w.t('reasons.because.english');
  }
}

/** The sentence for why this embedding model. */
export function embedderReasonText(w: Words, r: EmbedderReason): string {
  switch (r.code) {
    case 'default':
      return w.t(r.because.kind === 'english' ? 'reasons.embedder.defaultSmallest' : 'reasons.embedder.default', { model: r.model, because: because(w, r.because) });
    case 'reads':
      return w.t(r.englishOnly ? 'reasons.embedder.readsEnglishOnly' : 'reasons.embedder.readsNot', {
        model: r.model,
        because: because(w, r.because),
        other: r.other,
        language: languageInSentence(r.language, w.locale),
      });
    case 'too-big': {
      const vars = { reader: r.reader, language: languageInSentence(r.language, w.locale), memory: `${localeNumber(r.readerMemoryMB, w.locale)} ${w.t('units.mb')}`, model: r.model };
      return r.deviceMemoryGB === null ? w.t('reasons.embedder.tooBigUnknown', vars) : w.t('reasons.embedder.tooBig', { ...vars, gb: localeNumber(r.deviceMemoryGB, w.locale) });
    }
    case 'none':
      return w.t('reasons.embedder.none', { model: r.model, language: languageInSentence(r.language, w.locale) });
  }
}
