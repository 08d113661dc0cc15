/** How a passage is named to the model and to the person: document, page(s), section. */
import type { Words } from '../i18n/translate';
import type { SourceRef } from '../storage/schema';

/** What a source of a deleted document is called wherever it is shown (its text is gone). */
export const DOCUMENT_DELETED = 'document deleted';

/** "[2] document deleted". */
export function deletedLabel(n: number): string {
  return `[${n}] ${DOCUMENT_DELETED}`;
}

export function pageLabel(s: Pick<SourceRef, 'page' | 'pageEnd'>): string {
  if (s.page === undefined) return '';
  return s.pageEnd !== undefined && s.pageEnd !== s.page ? `pages ${s.page}–${s.pageEnd}` : `page ${s.page}`;
}

/** "[2] document deleted", "[2] Dokument gelöscht": on screen, in the reader's language. */
export function deletedLabelIn(w: Words, n: number): string {
  return w.t('chat.source.deletedN', { n });
}

/** "page 4", "pages 2–3", "Seite 4": on screen, in the reader's language (pageLabel names pages to the model). */
export function pageLabelIn(w: Words, s: Pick<SourceRef, 'page' | 'pageEnd'>): string {
  if (s.page === undefined) return '';
  return s.pageEnd !== undefined && s.pageEnd !== s.page ? w.t('chat.source.pages', { page: s.page, end: s.pageEnd }) : w.t('chat.source.page', { page: s.page });
}

/** "report.pdf, page 4, Results". */
export function sourceTitle(s: SourceRef): string {
  const page = pageLabel(s);
  const section = s.headingPath?.length ? s.headingPath[s.headingPath.length - 1] : '';
  return [s.docName, page, section].filter(Boolean).join(', ');
}
