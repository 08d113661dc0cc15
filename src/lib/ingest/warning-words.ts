/**
 * What a parse warning says, in the reader's language: from its code and facts (the pages concerned,
 * where an encoding was guessed). A warning stored before it carried those facts keeps its English
 * sentence.
 */
import { localeNumber } from '../i18n/number-format';
import type { Words } from '../i18n/translate';
import type { ParseWarning } from './parsed';

/** "3", "3–7", "2, 5 and 7–9", with the language's "and". */
export function pageRangesIn(w: Words, pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? localeNumber(sorted[i]!, w.locale) : `${localeNumber(sorted[i]!, w.locale)}–${localeNumber(sorted[j]!, w.locale)}`);
    i = j;
  }
  return parts.length <= 1 ? (parts[0] ?? '') : w.t('library.count.and', { first: parts.slice(0, -1).join(', '), second: parts[parts.length - 1]! });
}

function pagesPart(w: Words, pages: readonly number[], what: 'scanned' | 'fonts', first: boolean): string {
  const form = pages.length === 1 ? 'one' : 'other';
  return w.t(`library.warning.${what}.${form}${first ? 'First' : ''}`, { pages: pageRangesIn(w, pages) });
}

export function warningText(w: Words, warning: ParseWarning): string {
  switch (warning.code) {
    case 'MACROS_IGNORED':
    case 'CONTENT_SKIPPED':
      return w.t(`library.warning.${warning.code}`);
    case 'LEGACY_ENCODING':
      return warning.source ? w.t(`library.warning.LEGACY_ENCODING.${warning.source}`) : warning.message;
    case 'PAGES_WITHOUT_TEXT': {
      const { scanned, undecodable } = warning;
      if (!scanned || !undecodable || scanned.length + undecodable.length === 0) return warning.message;
      const parts: string[] = [];
      if (scanned.length) parts.push(pagesPart(w, scanned, 'scanned', true));
      if (undecodable.length) parts.push(pagesPart(w, undecodable, 'fonts', parts.length === 0));
      const all = new Set([...scanned, ...undecodable]).size;
      const why = parts.length === 2 ? w.t('library.count.and', { first: parts[0]!, second: parts[1]! }) : parts[0]!;
      return w.t(all === 1 ? 'library.warning.unread.one' : 'library.warning.unread.other', { why });
    }
    default:
      return warning.message;
  }
}
