/**
 * The text around a cited passage with its structure, for the passage view: which parts are
 * headings (and of what level), lists, tables, code. The stored document text has the blocks'
 * texts only (headings without their "#"), so the structure comes from the original file, read
 * again with its parser (deterministic: the same text at the same offsets, which is checked), or,
 * without one (or for a PDF, too slow to read again), is inferred: blank lines part blocks, and a
 * block that is one of the chunks' headings is that heading.
 */
import type { ParsedBlock } from '../../src/lib/ingest/parsed';
import type { DocumentStore } from '../../src/lib/storage/document-store';
import type { DocumentRecord } from '../../src/lib/storage/schema';
import { parseFile } from '../parsers/registry';
import type { PassageBlock, PassageText } from '../retrieval.protocol';
import type { OriginalStore } from './originals';

export interface PassageTextDeps {
  documents: DocumentStore;
  originals: OriginalStore;
}

/** Formats whose structure is worth reading the original again for (and quick to read). */
const REREAD = new Set(['markdown', 'html', 'docx']);
const REREAD_MAX_BYTES = 8 * 1024 * 1024;
const CACHED = 4;

interface Structure {
  text: string;
  blocks: ParsedBlock[];
}

const cache = new Map<string, Promise<Structure | null>>();

async function readStructure(doc: DocumentRecord, originals: OriginalStore): Promise<Structure | null> {
  if (!doc.hasOriginal || !REREAD.has(doc.format) || doc.sizeBytes > REREAD_MAX_BYTES) return null;
  try {
    const bytes = await originals.get(doc.id);
    if (!bytes) return null;
    const parsed = await parseFile(doc.mimeType, bytes, { name: doc.name, signal: new AbortController().signal, onProgress: () => undefined });
    // Another parser version could place blocks differently: only the same text is trusted.
    return parsed.text.length === doc.textLength ? { text: parsed.text, blocks: parsed.blocks } : null;
  } catch {
    return null;
  }
}

function structureOf(doc: DocumentRecord, originals: OriginalStore): Promise<Structure | null> {
  let found = cache.get(doc.id);
  if (!found) {
    found = readStructure(doc, originals);
    cache.set(doc.id, found);
    while (cache.size > CACHED) cache.delete(cache.keys().next().value as string);
  }
  return found;
}

const LIST_LINE = /^(?:[-•*] |\d{1,3}\. )/;

/**
 * Blocks of document text `text` (which starts at offset `from`): parted at blank lines; a block
 * whose text is one of `headings` (the chunks' heading paths) is that heading, at its depth.
 */
export function inferBlocks(text: string, from: number, headingPaths: readonly (readonly string[])[]): PassageBlock[] {
  const levels = new Map<string, number>();
  for (const path of headingPaths) path.forEach((h, i) => levels.set(h.trim(), levels.get(h.trim()) ?? i + 1));
  const blocks: PassageBlock[] = [];
  let at = 0;
  for (const part of text.split('\n\n')) {
    const start = from + at;
    at += part.length + 2;
    const body = part.trim();
    if (!body) continue;
    const level = levels.get(body);
    const lines = body.split('\n');
    if (level !== undefined && lines.length === 1) blocks.push({ kind: 'heading', level, start, end: start + part.length });
    else if (lines.every((l) => LIST_LINE.test(l))) blocks.push({ kind: 'list', start, end: start + part.length });
    else if (lines.length > 1 && lines.every((l) => l.includes(' | '))) blocks.push({ kind: 'table', start, end: start + part.length });
    else blocks.push({ kind: 'paragraph', start, end: start + part.length });
  }
  return blocks;
}

/** Characters of text shown before and after the passage. */
export const AROUND_CHARS = 280;

/**
 * Document text [from, to) rebuilt from the chunks that cover it (they overlap; between sections
 * they may leave out the blank line that parts blocks, which is put back), clipped to what they cover.
 */
export function windowText(chunks: readonly { start: number; end: number; text: string }[], from: number, to: number): { text: string; from: number } {
  const covering = chunks.filter((c) => c.end > from && c.start < to).sort((a, b) => a.start - b.start);
  const first = covering[0];
  if (!first) return { text: '', from };
  let at = Math.max(from, first.start);
  const start = at;
  let text = '';
  for (const c of covering) {
    if (c.end <= at) continue;
    if (c.start > at) {
      text += '\n'.repeat(Math.min(c.start, to) - at); // a gap between chunks: the blocks' separator
      at = Math.min(c.start, to);
    }
    const piece = c.text.slice(at - c.start, Math.min(c.end, to) - c.start);
    text += piece;
    at += piece.length;
    if (at >= to) break;
  }
  return { text, from: start };
}

export async function passageText({ docId, start, end }: { docId: string; start: number; end: number }, deps: PassageTextDeps): Promise<PassageText> {
  const [chunks, doc] = await Promise.all([deps.documents.chunksOf(docId), deps.documents.get(docId).catch(() => null)]);
  const window = windowText(chunks, Math.max(0, start - AROUND_CHARS), end + AROUND_CHARS);
  const passageAt = start - window.from;
  const passageEnd = end - window.from;
  // The passage must sit in the window where its offsets say; if not (chunks missing), show it alone.
  const usable = passageAt >= 0 && passageEnd <= window.text.length;
  const before = usable ? window.text.slice(0, passageAt) : '';
  const after = usable ? window.text.slice(passageEnd) : '';
  const from = start - before.length;
  const to = end + after.length;
  const structure = doc ? await structureOf(doc, deps.originals) : null;
  const matches = structure !== null && usable && structure.text.slice(from, to) === window.text.slice(from - window.from, to - window.from);
  const blocks: PassageBlock[] = !usable
    ? []
    : matches
    ? structure.blocks
        .filter((b) => b.end > from && b.start < to)
        .map((b) => ({ kind: b.kind, ...(b.level !== undefined ? { level: b.level } : {}), start: b.start, end: b.end }))
    : inferBlocks(
        before + window.text.slice(passageAt, passageEnd) + after,
        from,
        chunks.filter((c) => c.end > from && c.start < to).map((c) => c.headingPath),
      );
  return { before, after, format: doc?.format ?? null, blocks };
}
