/**
 * Find the [n] citations in a model's answer. Models write them many ways — [1], [1, 2], [1][2],
 * [1-3] — and sometimes cite contexts that were never given; those must stay plain text so the UI
 * never links to a source that does not exist.
 */

export type AnswerPart = { kind: 'text'; text: string } | { kind: 'cite'; n: number };

/** A bracket holding numbers separated by commas/semicolons, each optionally a short range. */
const GROUP = /\[\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?)*\s*\]/g;
const ITEM = /(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?/g;
/** Longer "ranges" are more likely years or page spans than citations. */
const MAX_RANGE = 20;

/** Each item of a bracket group: the numbers it stands for, or null when it is not a valid citation. */
function parseGroup(group: string, maxN: number): Array<{ source: string; numbers: number[] | null }> {
  const items: Array<{ source: string; numbers: number[] | null }> = [];
  for (const m of group.matchAll(ITEM)) {
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    const valid = lo >= 1 && hi <= maxN && lo <= hi && hi - lo <= MAX_RANGE;
    const numbers: number[] = [];
    if (valid) for (let n = lo; n <= hi; n++) numbers.push(n);
    items.push({ source: m[0], numbers: valid ? numbers : null });
  }
  return items;
}

/** Valid citation numbers in order of first appearance, each once. */
export function parseCitations(answer: string, maxN: number): number[] {
  const seen = new Set<number>();
  for (const m of answer.matchAll(GROUP)) {
    for (const item of parseGroup(m[0], maxN)) for (const n of item.numbers ?? []) seen.add(n);
  }
  return [...seen];
}

/** The answer as text runs and citation chips; invalid numbers stay in the text as "[n]". */
export function splitCitations(answer: string, maxN: number): AnswerPart[] {
  const parts: AnswerPart[] = [];
  const pushText = (text: string): void => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last?.kind === 'text') last.text += text;
    else parts.push({ kind: 'text', text });
  };
  let pos = 0;
  for (const m of answer.matchAll(GROUP)) {
    const items = parseGroup(m[0], maxN);
    if (items.every((item) => item.numbers === null)) continue; // not a citation at all: leave it in the text
    pushText(answer.slice(pos, m.index));
    const inGroup = new Set<number>();
    for (const item of items) {
      if (item.numbers === null) {
        pushText(`[${item.source}]`);
        continue;
      }
      for (const n of item.numbers) {
        if (inGroup.has(n)) continue;
        inGroup.add(n);
        parts.push({ kind: 'cite', n });
      }
    }
    pos = m.index + m[0].length;
  }
  pushText(answer.slice(pos));
  return parts;
}
