/**
 * Which embedding model a library should use: the catalog's default (small, English) where the
 * person writes English, and a model that reads their language where they do not: the browser's
 * preferred language decides first, then the language most of their documents are in
 * (core/language.ts). An English-only embedder still finds such passages by their words (BM25),
 * but not by their meaning. The multilingual model is larger, so it is offered only where two
 * copies of it fit (the library worker embeds documents while the retrieval worker embeds questions).
 */
import type { Catalog, EmbedderModel } from '../catalog/types';
import { memoryBudgetMB, primaryLanguage } from './recommend';
import type { DeviceCapabilities } from './capabilities';
import type { EmbedderReason, LanguageSource } from './reasons';

export interface EmbedderRecommendation {
  model: EmbedderModel;
  /** Why this model, as facts (models/reason-words.ts says it). */
  reason: EmbedderReason;
  /** The language that decided ('en' when the browser and the documents are English). */
  language: string;
}

export interface LanguageSignals {
  /** navigator.languages[0] (or navigator.language); the person's preferred language. */
  browserLanguage?: string | undefined;
  /** The library's main non-English language and how many documents are in it (core/language.ts), or null. */
  documents?: { language: string; documents: number } | null;
}

/** Share of the models' memory budget an embedder may take: two copies, beside the LLM. */
const EMBEDDER_MEMORY_SHARE = 0.5;

export function readsLanguage(model: EmbedderModel, language: string): boolean {
  return (model.languages ?? ['en']).includes(language);
}

function embeddersOf(catalog: Catalog): EmbedderModel[] {
  return catalog.models.filter((m): m is EmbedderModel => m.kind === 'embedder' && !m.hidden);
}

function defaultEmbedder(catalog: Catalog): EmbedderModel {
  const model = catalog.models.find((m): m is EmbedderModel => m.kind === 'embedder' && m.id === catalog.defaults.embedder);
  if (!model) throw new Error('catalog has no default embedder'); // parseCatalog rules this out
  return model;
}

/** The language to serve, and where it came from. */
function decidingLanguage(signals: LanguageSignals): { language: string; because: LanguageSource } {
  const browser = primaryLanguage(signals.browserLanguage);
  if (browser !== 'en') return { language: browser, because: { kind: 'browser', language: browser } };
  const docs = signals.documents;
  if (docs) return { language: docs.language, because: { kind: 'documents', language: docs.language, documents: docs.documents } };
  return { language: 'en', because: { kind: 'english' } };
}

/** Pick the embedder for this person and device. Always returns a model of the catalog. */
export function recommendEmbedder(catalog: Catalog, caps: Pick<DeviceCapabilities, 'deviceMemoryGB'>, signals: LanguageSignals): EmbedderRecommendation {
  const fallback = defaultEmbedder(catalog);
  const { language, because } = decidingLanguage(signals);
  if (readsLanguage(fallback, language)) return { model: fallback, language, reason: { code: 'default', model: fallback.name, because } };
  const readers = embeddersOf(catalog).filter((m) => readsLanguage(m, language)).sort((a, b) => a.downloadSizeMB - b.downloadSizeMB);
  const budget = memoryBudgetMB(caps) * EMBEDDER_MEMORY_SHARE;
  const pick = readers.find((m) => m.memoryMB <= budget);
  const englishOnly = readsLanguage(fallback, 'en') && !fallback.languages;
  if (pick) return { model: pick, language, reason: { code: 'reads', model: pick.name, because, other: fallback.name, englishOnly, language } };
  const reader = readers[0];
  if (reader) {
    return {
      model: fallback,
      language,
      reason: { code: 'too-big', model: fallback.name, reader: reader.name, readerMemoryMB: reader.memoryMB, deviceMemoryGB: caps.deviceMemoryGB, language },
    };
  }
  return { model: fallback, language, reason: { code: 'none', model: fallback.name, language } };
}
