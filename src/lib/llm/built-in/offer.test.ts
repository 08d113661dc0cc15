import { describe, expect, it } from 'vitest';
import type { Availability } from './api';
import type { PromptApiProbe } from './detect';
import { BUILT_IN_MODEL_ID, builtInOffer } from './offer';

/** What the browser answered: one availability for the session's languages, one per language asked. */
function probe(overall: Availability, byLanguage: Record<string, Availability> = { en: overall, es: overall, ja: overall }, expected = ['en']): PromptApiProbe {
  return { overall, byLanguage, expected };
}

describe('builtInOffer', () => {
  it('offers nothing and says nothing where the browser has no Prompt API', () => {
    expect(builtInOffer(null)).toEqual({ status: 'absent' });
  });

  it('does not offer a model the browser says cannot run here, and says so in a sentence', () => {
    const offer = builtInOffer(probe('unavailable'));
    expect(offer.status).toBe('unavailable');
    expect('model' in offer).toBe(false);
    if (offer.status !== 'unavailable') throw new Error('unreachable');
    expect(offer.sentence).toMatch(/^This browser has a built-in language model, but says it cannot run on this device/);
    expect(offer.sentence).toContain('22 GB of free disk space');
    expect(offer.sentence).toContain("Hearth's own models below work without it.");
  });

  it('offers a downloadable model and says who downloads it, from where, and that nothing happens without a choice', () => {
    const offer = builtInOffer(probe('downloadable'));
    if (offer.status !== 'downloadable') throw new Error(`expected downloadable, got ${offer.status}`);
    expect(offer.model).toMatchObject({ id: BUILT_IN_MODEL_ID, kind: 'llm', engine: 'prompt-api', contextLength: null });
    expect(offer.sentence).toContain('It downloads it once, by itself, from its maker (Google, for Chrome)');
    expect(offer.sentence).toContain("not from Hearth's model sources");
    expect(offer.sentence).toContain('at least 22 GB of free disk space');
    expect(offer.sentence).toContain('Nothing is downloaded unless you choose to.');
  });

  it('offers a model the browser is downloading already and says Hearth uses it once that is done', () => {
    const offer = builtInOffer(probe('downloading'));
    if (offer.status !== 'downloading') throw new Error(`expected downloading, got ${offer.status}`);
    expect(offer.model.engine).toBe('prompt-api');
    expect(offer.sentence).toMatch(/already downloading its own language model/);
    expect(offer.sentence).toContain('Hearth uses it once the download is done');
  });

  it('offers an available model with nothing to download', () => {
    const offer = builtInOffer(probe('available'));
    if (offer.status !== 'available') throw new Error(`expected available, got ${offer.status}`);
    expect(offer.sentence).toMatch(/nothing to download/);
  });

  it("lists the languages the browser says its model handles, and declares the session's own", () => {
    const offer = builtInOffer(probe('available', { en: 'available', es: 'downloadable', ja: 'unavailable', de: 'unavailable' }, ['en']));
    if (offer.status !== 'available') throw new Error(`expected available, got ${offer.status}`);
    expect(offer.model.languages).toEqual(['en', 'es']);
    expect(offer.model.expectedLanguages).toEqual(['en']);
  });
});
