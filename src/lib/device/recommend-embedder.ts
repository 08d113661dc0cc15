/**
 * Which embedding model a library should use: the catalog's default (small, English) where the
 * person writes English, and a model that reads their language where they do not: the browser's
 * preferred language decides first, then the language most of their documents are in
 * (core/language.ts). An English-only embedder still finds such passages by their words (BM25),
 * but not by their meaning. The multilingual model is larger, so it is offered only where two
 * copies of it fit (the library worker embeds documents while the retrieval worker embeds questions).
 */
import type { Catalog, EmbedderModel } from '../catalog/types';
import { languageName } from '../models/format';
import { memoryBudgetMB, primaryLanguage } from './recommend';
import type { DeviceCapabilities } from './capabilities';

export interface EmbedderRecommendation {
  model: EmbedderModel;
  /** One plain sentence for the person: why this model. */
  reason: string;
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

/** The language to serve, and the words that say where it came from. */
function decidingLanguage(signals: LanguageSignals): { language: string; because: string } {
  const browser = primaryLanguage(signals.browserLanguage);
  if (browser !== 'en') return { language: browser, because: `your browser's language is ${languageName(browser)}` };
  const docs = signals.documents;
  if (docs) {
    const count = docs.documents === 1 ? 'one of your documents is' : `${docs.documents} of your documents are`;
    return { language: docs.language, because: `${count} in ${languageName(docs.language)}` };
  }
  return { language: 'en', because: 'your browser and your documents are in English' };
}

/** Pick the embedder for this person and device. Always returns a model of the catalog. */
export function recommendEmbedder(catalog: Catalog, caps: Pick<DeviceCapabilities, 'deviceMemoryGB'>, signals: LanguageSignals): EmbedderRecommendation {
  const fallback = defaultEmbedder(catalog);
  const { language, because } = decidingLanguage(signals);
  if (readsLanguage(fallback, language)) {
    const alone = language === 'en' ? `${because}, and it is the smallest download` : because;
    return { model: fallback, language, reason: `Hearth uses ${fallback.name} because ${alone}.` };
  }
  const name = languageName(language);
  const readers = embeddersOf(catalog).filter((m) => readsLanguage(m, language)).sort((a, b) => a.downloadSizeMB - b.downloadSizeMB);
  const budget = memoryBudgetMB(caps) * EMBEDDER_MEMORY_SHARE;
  const pick = readers.find((m) => m.memoryMB <= budget);
  const english = readsLanguage(fallback, 'en') && !fallback.languages ? `${fallback.name} reads English only` : `${fallback.name} does not read ${name}`;
  if (pick) {
    return { model: pick, language, reason: `Hearth recommends ${pick.name} because ${because}; ${english}.` };
  }
  const words = `so passages in ${name} are found by their words rather than by their meaning`;
  const reader = readers[0];
  if (reader) {
    const memory = caps.deviceMemoryGB === null ? 'this device may not have' : `this device (${caps.deviceMemoryGB} GB) cannot spare`;
    return { model: fallback, language, reason: `${reader.name} reads ${name}, but it needs about ${reader.memoryMB} MB, which ${memory}: Hearth uses ${fallback.name}, ${words}.` };
  }
  return { model: fallback, language, reason: `No embedding model in the catalog reads ${name}: Hearth uses ${fallback.name}, ${words}.` };
}
