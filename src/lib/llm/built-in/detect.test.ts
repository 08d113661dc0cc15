import { describe, expect, it } from 'vitest';
import type { Availability, LanguageModelCreateCoreOptions, LanguageModelStatic } from './api';
import { expectations, expectedLanguages, languagesToAsk, probePromptApi } from './detect';

describe('the languages asked about', () => {
  it("asks for Chrome's documented languages and the browser's, once each", () => {
    expect(languagesToAsk('en-US')).toEqual(['en', 'es', 'ja']);
    expect(languagesToAsk('es-MX')).toEqual(['en', 'es', 'ja']);
    expect(languagesToAsk('de-DE')).toEqual(['en', 'es', 'ja', 'de']);
    expect(languagesToAsk(undefined)).toEqual(['en', 'es', 'ja']);
  });

  it("declares English, plus the person's language only where the browser's model handles it", () => {
    expect(expectedLanguages({ en: 'available', ja: 'downloadable' }, 'ja-JP')).toEqual(['en', 'ja']);
    expect(expectedLanguages({ en: 'available', de: 'unavailable' }, 'de-DE')).toEqual(['en']);
    expect(expectedLanguages({ en: 'available' }, 'fr-FR')).toEqual(['en']);
    expect(expectedLanguages({ en: 'available' }, 'en-GB')).toEqual(['en']);
  });

  it('asks for text in and text out in those languages', () => {
    expect(expectations(['en', 'es'])).toEqual({
      expectedInputs: [{ type: 'text', languages: ['en', 'es'] }],
      expectedOutputs: [{ type: 'text', languages: ['en', 'es'] }],
    });
  });
});

/** Only `availability()`, answering from a table of languages: the probe creates no session. */
function answering(table: Record<string, Availability | 'throws' | 'later-value'>): LanguageModelStatic & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    availability(options?: LanguageModelCreateCoreOptions) {
      const languages = options?.expectedInputs?.[0]?.languages ?? [];
      asked.push(languages);
      const answers = languages.map((l) => table[l] ?? 'unavailable');
      if (answers.includes('throws')) return Promise.reject(new DOMException('blocked by permissions policy', 'NotAllowedError'));
      if (answers.includes('later-value')) return Promise.resolve('some-future-state' as Availability);
      const order: (Availability | 'throws' | 'later-value')[] = ['unavailable', 'downloadable', 'downloading', 'available'];
      return Promise.resolve(answers.reduce((worst, a) => (order.indexOf(a) < order.indexOf(worst) ? a : worst), 'available') as Availability);
    },
    create: () => Promise.reject(new Error('the probe must not create a session')),
  };
}

describe('probePromptApi', () => {
  it('is null where the browser has no LanguageModel', async () => {
    expect(await probePromptApi(null, 'en-US')).toBeNull();
  });

  it("asks per language, then for the session's languages together", async () => {
    const api = answering({ en: 'available', es: 'available', ja: 'downloadable', de: 'unavailable' });
    const probe = await probePromptApi(api, 'ja-JP');
    expect(probe).toEqual({ byLanguage: { en: 'available', es: 'available', ja: 'downloadable' }, expected: ['en', 'ja'], overall: 'downloadable' });
    expect(api.asked.at(-1)).toEqual(['en', 'ja']);
  });

  it('counts a refused question, and an answer it does not know, as unavailable', async () => {
    expect((await probePromptApi(answering({ en: 'throws' }), 'en'))?.overall).toBe('unavailable');
    expect((await probePromptApi(answering({ en: 'later-value' }), 'en'))?.overall).toBe('unavailable');
  });
});
