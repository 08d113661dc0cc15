/** Counted things in the reader's language, with the plural its rules choose: "1 document", "3 Dokumente". */
import type { Words } from '../i18n/translate';

export type Counted = 'documents' | 'conversations' | 'passages' | 'originals';

export function countIn(w: Words, count: number, what: Counted): string {
  const form = new Intl.PluralRules(w.locale).select(count) === 'one' ? 'one' : 'other';
  return w.t(`library.count.${what}.${form}`, { count });
}

/** "a and b"; one of them alone when the other is empty. */
export function bothIn(w: Words, first: string, second: string): string {
  return first && second ? w.t('library.count.and', { first, second }) : first || second;
}
