/**
 * The sentences a person reads about pages that gave no text, and the PDF title worth showing.
 */
import type { ParseWarning } from '../../src/lib/ingest/parsed';

/** "3", "3–7", "2, 5 and 7–9" (pages sorted, consecutive pages as ranges). */
export function pageRanges(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j;
  }
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function pagesPhrase(pages: readonly number[], capital: boolean): string {
  const word = pages.length === 1 ? 'page' : 'pages';
  return `${capital ? word[0]!.toUpperCase() + word.slice(1) : word} ${pageRanges(pages)}`;
}

/**
 * One PAGES_WITHOUT_TEXT warning for scanned pages (no text layer, or OCR noise) and pages whose
 * fonts give glyph codes instead of letters; null when there are none.
 */
export function pagesWithoutTextWarning(scanned: readonly number[], undecodable: readonly number[]): ParseWarning | null {
  const all = [...new Set([...scanned, ...undecodable])].sort((a, b) => a - b);
  if (all.length === 0) return null;
  const parts: string[] = [];
  if (scanned.length) parts.push(`${pagesPhrase(scanned, true)} ${scanned.length === 1 ? 'looks like a scanned image' : 'look like scanned images'}`);
  if (undecodable.length) {
    parts.push(`${pagesPhrase(undecodable, parts.length === 0)} ${undecodable.length === 1 ? 'uses' : 'use'} fonts whose letters cannot be decoded`);
  }
  const message = `${parts.join(' and ')}; ${all.length === 1 ? 'its' : 'their'} text could not be read.`;
  return { code: 'PAGES_WITHOUT_TEXT', message, pages: all, scanned: [...scanned], undecodable: [...undecodable] };
}

/** For NO_TEXT: why a PDF gave no text at all (undefined: blank pages only, the generic message fits). */
export function noTextMessage(scanned: boolean, undecodable: boolean): string | undefined {
  if (undecodable) {
    return 'The text in this PDF cannot be read: its fonts do not say which letters they show, or it is a scan. Run it through text recognition (OCR), or export it again from the app that made it, then add it again.';
  }
  if (scanned) return 'This PDF looks like a scan: its pages are images without readable text. Run it through text recognition (OCR) first, then add it again.';
  return undefined;
}

const APP_PREFIX = /^(?:Microsoft\s+(?:Word|PowerPoint|Excel)|Microsoft Office \w+|Word|PowerPoint)\s+-\s+/iu;
const FILE_EXTENSION = /\.(?:docx?|docm|xlsx?|pptx?|rtf|odt|odp|ods|pages|pdf|txt|indd|qxd|tex|dvi|ps|html?|md)$/iu;
const MEANINGLESS = /^(?:untitled(?:\s+document)?(?:\s*\d+)?|document\s*\d*|title|none|null|unknown|no title|slide\s*\d+|page\s*\d+|print|default|\d+)$/iu;

/** The PDF's Title when it names the document: not "Untitled", not "Microsoft Word - x.doc" (→ "x"). */
export function cleanTitle(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  let title = raw.replace(/[\u0000-\u001f\ufeff]/gu, '').replace(/\s+/gu, ' ').trim();
  title = title.replace(APP_PREFIX, '');
  if (/[\\/]/u.test(title) && FILE_EXTENSION.test(title)) title = title.split(/[\\/]/u).pop() ?? '';
  title = title.replace(FILE_EXTENSION, '').trim();
  if (!title || MEANINGLESS.test(title) || !/\p{L}/u.test(title)) return undefined;
  return title;
}
