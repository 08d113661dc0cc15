/**
 * Split a document into overlapping chunks for retrieval. Each chunk is cut at the strongest
 * boundary that leaves it a useful size: a Markdown heading, else a blank line, else a sentence end,
 * else a line break, else a space; a cut inside a word happens only for a "word" longer than the
 * target. The next chunk starts a few whole sentences (or words) before the cut, so a fact that
 * straddles the cut is whole in one of the two. Offsets are exact: text.slice(start, end) === chunk.text.
 * One forward scan per chunk window keeps this linear in the input size.
 */
import type { ChunkSpan } from './types';

export interface ChunkOptions {
  /** Aim for chunks of about this many characters (a hard cap except for the overlap rule). */
  targetChars?: number;
  /** Carry at most this many characters of the previous chunk's end into the next chunk. */
  overlapChars?: number;
}

/** Boundary strength, weakest first. */
const WORD = 1;
const LINE = 2;
const SENTENCE = 3;
const PARAGRAPH = 4;
/** Only whitespace follows: the document ends here. */
const END = 5;
const HEADING = 6;

/**
 * A cut at a weak boundary must still leave a chunk at least this fraction of the target long;
 * otherwise a blank line early in the window would produce a tiny chunk. Headings may cut early:
 * a new section is worth a short chunk.
 */
const MIN_FRACTION = [0, 0, 0.5, 0.3, 0.4, 0, 0.15];

function isSpace(c: number): boolean {
  // Space, tab, LF, VT, FF, CR, NBSP, and the Unicode spaces most editors produce.
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029;
}

/** . ! ? and their CJK forms end sentences; closing quotes and brackets may follow them. */
function isTerminal(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x2026;
}
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019 || c === 0x300d || c === 0xff09;
}
function isCjkTerminal(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f;
}

/** A Markdown ATX heading starts at `j`: 1–6 '#' then a space or tab. */
function isHeadingAt(text: string, j: number): boolean {
  let k = j;
  while (k < text.length && text.charCodeAt(k) === 35 && k - j < 7) k++;
  const hashes = k - j;
  if (hashes < 1 || hashes > 6) return false;
  const c = text.charCodeAt(k);
  return c === 32 || c === 9;
}

function endsSentence(text: string, end: number, floor: number): boolean {
  let i = end - 1;
  while (i > floor && isCloser(text.charCodeAt(i))) i--;
  return isTerminal(text.charCodeAt(i));
}

/** Do not split a surrogate pair on a hard cut. */
function safeCut(text: string, at: number): number {
  const c = text.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff ? at - 1 : at;
}

export function chunkText(text: string, opts: ChunkOptions = {}): ChunkSpan[] {
  const target = Math.max(1, Math.floor(opts.targetChars ?? 1000));
  // Overlap must stay well under the target or chunks would stop advancing.
  const overlap = Math.max(0, Math.min(Math.floor(opts.overlapChars ?? 150), Math.floor(target / 2)));
  const n = text.length;
  const chunks: ChunkSpan[] = [];

  // Boundaries found in the current window: where the previous piece ends (cut), where the next
  // begins (next), and how strong the boundary is. Reused across windows to avoid garbage.
  const cuts: number[] = [];
  const nexts: number[] = [];
  const levels: number[] = [];

  let s = 0;
  while (s < n && isSpace(text.charCodeAt(s))) s++;
  let prevEnd = 0;

  while (s < n) {
    const limit = s + target;

    cuts.length = 0;
    nexts.length = 0;
    levels.length = 0;
    // Scan [s, limit]; a whitespace run that crosses `limit` is followed to its end so the boundary
    // it forms can still be classified (each character is visited a bounded number of times).
    let i = s + 1;
    while (i <= limit && i < n) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        const wsStart = i;
        let newlines = 0;
        while (i < n && isSpace(text.charCodeAt(i))) {
          const w = text.charCodeAt(i);
          if (w === 10 || (w === 13 && text.charCodeAt(i + 1) !== 10)) newlines++;
          i++;
        }
        if (i >= n) {
          cuts.push(wsStart);
          nexts.push(n);
          levels.push(END);
          break;
        }
        let level = WORD;
        if (newlines >= 1 && isHeadingAt(text, i)) level = HEADING;
        else if (newlines >= 2) level = PARAGRAPH;
        else if (endsSentence(text, wsStart, s)) level = SENTENCE;
        else if (newlines === 1) level = LINE;
        cuts.push(wsStart);
        nexts.push(i);
        levels.push(level);
        continue;
      }
      // CJK sentences end without a following space.
      if (isCjkTerminal(text.charCodeAt(i - 1)) && !isCloser(c)) {
        cuts.push(i);
        nexts.push(i);
        levels.push(SENTENCE);
      }
      i++;
    }
    if (limit >= n && (levels.length === 0 || levels[levels.length - 1] !== END)) {
      // The rest of the document fits: its end is a candidate too (a heading in it still wins).
      cuts.push(n);
      nexts.push(n);
      levels.push(END);
    }

    // Pick the strongest boundary inside the window that leaves a big enough chunk and moves past
    // the previous chunk's end.
    let best = -1;
    let bestLevel = 0;
    for (let b = 0; b < cuts.length; b++) {
      const cut = cuts[b] as number;
      if (cut > limit || cut <= prevEnd) continue;
      // Too early for its own strength, a boundary is still a place between words.
      let level = levels[b] as number;
      if (cut - s < (MIN_FRACTION[level] as number) * target) level = WORD;
      // Among equals the latest cut wins (fullest chunk), except headings: the first one in reach
      // ends the chunk, so every section of a reasonable size starts a chunk of its own.
      const later = level === HEADING ? false : cut > (cuts[best] as number);
      if (best < 0 || level > bestLevel || (level === bestLevel && later)) {
        best = b;
        bestLevel = level;
      }
    }

    let end: number;
    let nextStart: number;
    if (best < 0 && s < prevEnd) {
      // The overlap pushed the window too far back to reach the next boundary: drop the overlap
      // rather than cut a word that would fit in a chunk of its own.
      s = prevEnd;
      while (s < n && isSpace(text.charCodeAt(s))) s++;
      continue;
    }
    if (best < 0) {
      // One word longer than the target: the only choice is to cut inside it.
      end = safeCut(text, limit);
      if (end <= s) end = limit;
      nextStart = end;
    } else {
      end = cuts[best] as number;
      nextStart = nexts[best] as number;
      // A new section needs no lead-in from the previous one, and the document's end has no next chunk.
      if (bestLevel !== HEADING && bestLevel !== END && overlap > 0) {
        // Start the next chunk at the earliest sentence (else word) that begins within the overlap.
        const from = end - overlap;
        let sentence = -1;
        let word = -1;
        for (let b = 0; b < best; b++) {
          const start = nexts[b] as number;
          if (start < from || start <= s) continue;
          if (word < 0) word = start;
          if (sentence < 0 && (levels[b] as number) >= SENTENCE) sentence = start;
        }
        if (sentence >= 0) nextStart = sentence;
        else if (word >= 0) nextStart = word;
      }
    }
    chunks.push({ index: chunks.length, text: text.slice(s, end), start: s, end });
    prevEnd = end;
    s = nextStart;
    while (s < n && isSpace(text.charCodeAt(s))) s++;
  }
  return chunks;
}
