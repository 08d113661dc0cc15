import { describe, expect, it } from 'vitest';
import { wordsFor } from '../i18n/all-catalogs';
import { pagesWithoutTextWarning } from '../../../workers/parsers/pdf-warnings';
import { pageRangesIn, warningText } from './warning-words';

const en = wordsFor('en');
const de = wordsFor('de');

describe('parse warnings in the reader’s language', () => {
  it('English says exactly what the parser wrote', () => {
    for (const [scanned, undecodable] of [[[3], []], [[3, 4, 5, 6, 7], []], [[1], [2, 3]], [[], [9]]] as const) {
      const warning = pagesWithoutTextWarning(scanned, undecodable)!;
      expect(warningText(en, warning)).toBe(warning.message);
    }
  });

  it('German words the pages, their ranges and the reason', () => {
    expect(warningText(de, pagesWithoutTextWarning([1], [2, 3])!)).toBe(
      'Seite 1 sieht wie ein gescanntes Bild aus und die Seiten 2–3 verwenden Schriften, deren Buchstaben sich nicht entschlüsseln lassen; ihr Text konnte nicht gelesen werden.',
    );
    expect(pageRangesIn(de, [7, 2, 5, 8, 9])).toBe('2, 5 und 7–9');
    expect(warningText(de, { code: 'LEGACY_ENCODING', source: 'file', message: 'x' })).toMatch(/^Diese Datei wurde als Windows-1252-Text gelesen/);
  });

  it('a warning stored before it carried its facts keeps its sentence', () => {
    expect(warningText(de, { code: 'PAGES_WITHOUT_TEXT', message: 'Page 2 looks like a scanned image; its text could not be read.', pages: [2] })).toBe(
      'Page 2 looks like a scanned image; its text could not be read.',
    );
  });
});
