/** The document text just around a passage, rebuilt from overlapping chunks by their offsets. */
const AROUND_CHARS = 280;

/** Text just before and after [start, end) in the document, from the chunks that cover it. */
export function surroundings(chunks: { start: number; end: number; text: string }[], span: { start: number; end: number }): { before: string; after: string } {
  let before = '';
  let after = '';
  for (const c of chunks) {
    if (c.start < span.start && c.end >= span.start - AROUND_CHARS) {
      const piece = c.text.slice(Math.max(0, span.start - AROUND_CHARS - c.start), span.start - c.start);
      if (piece.length > before.length) before = piece;
    }
    if (c.end > span.end && c.start <= span.end + AROUND_CHARS) {
      const piece = c.text.slice(Math.max(0, span.end - c.start), span.end + AROUND_CHARS - c.start);
      if (piece.length > after.length) after = piece;
    }
  }
  return { before, after };
}
