/**
 * Asking the browser whether it has its own language model, and for which languages: a few
 * `LanguageModel.availability()` calls, which start no download and create no session. Never throws:
 * a browser without the API gives null, and a call that fails counts as "unavailable".
 */
import { primaryLanguage } from '../../device/recommend';
import { AVAILABILITY_VALUES, type Availability, type LanguageModelCreateCoreOptions, type LanguageModelStatic } from './api';

/**
 * The languages asked about: those Chrome's documentation lists for its model (English, Spanish and
 * Japanese, input and output, since Chrome 140), and the browser's own.
 */
export const DOCUMENTED_LANGUAGES = ['en', 'es', 'ja'] as const;

export interface PromptApiProbe {
  /** Per language asked: the availability of a session with that language as input and output. */
  byLanguage: Record<string, Availability>;
  /** The languages a session declares: English (Hearth's instructions), and the person's when supported. */
  expected: string[];
  /** The availability of a session declaring exactly `expected`. */
  overall: Availability;
}

/** The languages to ask about, English first, without repeats. */
export function languagesToAsk(browserLanguage: string | undefined): string[] {
  return [...new Set<string>([...DOCUMENTED_LANGUAGES, primaryLanguage(browserLanguage)])];
}

/** English, plus the browser's language when the browser's model handles it. */
export function expectedLanguages(byLanguage: Record<string, Availability>, browserLanguage: string | undefined): string[] {
  const own = primaryLanguage(browserLanguage);
  return own !== 'en' && (byLanguage[own] ?? 'unavailable') !== 'unavailable' ? ['en', own] : ['en'];
}

/** The options `availability()` and `create()` get for these languages (text in, text out). */
export function expectations(languages: string[]): Required<Pick<LanguageModelCreateCoreOptions, 'expectedInputs' | 'expectedOutputs'>> {
  return {
    expectedInputs: [{ type: 'text', languages: [...languages] }],
    expectedOutputs: [{ type: 'text', languages: [...languages] }],
  };
}

async function availabilityOf(api: LanguageModelStatic, languages: string[]): Promise<Availability> {
  try {
    const answer = await api.availability(expectations(languages));
    // A value a later version of the spec adds is not one Hearth knows how to offer.
    return AVAILABILITY_VALUES.includes(answer) ? answer : 'unavailable';
  } catch {
    // e.g. NotAllowedError where a permissions policy blocks "language-model"
    return 'unavailable';
  }
}

/** Ask the browser. null when it has no Prompt API at all. */
export async function probePromptApi(api: LanguageModelStatic | null, browserLanguage: string | undefined): Promise<PromptApiProbe | null> {
  if (!api) return null;
  const asked = languagesToAsk(browserLanguage);
  const answers = await Promise.all(asked.map((language) => availabilityOf(api, [language])));
  const byLanguage = Object.fromEntries(asked.map((language, i) => [language, answers[i] ?? 'unavailable']));
  const expected = expectedLanguages(byLanguage, browserLanguage);
  return { byLanguage, expected, overall: await availabilityOf(api, expected) };
}
