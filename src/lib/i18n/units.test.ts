import { describe, expect, it } from 'vitest';
import { loadPhaseText, type ProgressPhase } from '../models/load-phase';
import { wordsFor } from './all-catalogs';
import { durationIn, megabytesIn, sizeIn, speedIn } from './units';

describe('sizes, speeds and durations in the reader’s language', () => {
  const en = wordsFor('en');
  const fr = wordsFor('fr');
  const de = wordsFor('de');

  it('English keeps the figures the bars always showed', () => {
    expect(sizeIn(en, 1.2 * 1024 * 1024)).toBe('1.2 MB');
    expect(megabytesIn(en, 85)).toBe('85 MB');
    expect(speedIn(en, 850 * 1024)).toBe('850 KB/s');
    expect(durationIn(en, 125)).toBe('2 min 5 s');
    expect(durationIn(en, 3900)).toBe('1 h 5 min');
    expect(durationIn(en, 8)).toBe('8 s');
  });

  it('French writes octets and a decimal comma; German abbreviates minutes and hours', () => {
    expect(sizeIn(fr, 1.5 * 1024 ** 3)).toBe('1,5 Go');
    expect(speedIn(fr, 850 * 1024)).toBe('850 Ko/s');
    expect(durationIn(de, 125)).toBe('2 Min. 5 s');
    expect(durationIn(de, 7200)).toBe('2 Std.');
    expect(durationIn(de, Number.NaN)).toBe('—');
  });
});

describe('a model load’s phase, in words', () => {
  const phases: ProgressPhase[] = ['starting', 'download', 'elsewhere', 'start', 'import', 'browser'];

  it('English says what it always said; German says it in German', () => {
    expect(loadPhaseText(wordsFor('en'), 'download')).toBe('Downloading the model…');
    expect(loadPhaseText(wordsFor('en'), 'elsewhere')).toBe('Downloading in another Hearth window…');
    expect(loadPhaseText(wordsFor('de'), 'download')).toBe('Das Modell wird heruntergeladen…');
    for (const phase of phases) expect(loadPhaseText(wordsFor('de'), phase)).not.toBe(loadPhaseText(wordsFor('en'), phase));
  });
});
