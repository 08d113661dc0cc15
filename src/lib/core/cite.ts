/**
 * Find the [n] citations in a model's answer. Models write them many ways — [1], [1, 2], [1][2],
 * [1-3] — and sometimes cite contexts that were never given; those must stay plain text so the UI
 * never links to a source that does not exist.
 */

export type AnswerPart = { kind: 'text'; text: string } | { kind: 'cite'; n: number };

/**
 * Which numbers may be cited: 1..maxN, or exactly the given numbers (the `n` of the passages the
 * model was given, which need not be contiguous once a prompt budget dropped some).
 */
export type Citable = number | readonly number[] | ReadonlySet<number>;

function allowedBy(citable: Citable): (n: number) => boolean {
  if (typeof citable === 'number') return (n) => n >= 1 && n <= citable;
  const set = citable instanceof Set ? citable : new Set(citable as readonly number[]);
  return (n) => set.has(n);
}

/** A bracket holding numbers separated by commas/semicolons, each optionally a short range. */
const GROUP = /\[\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?)*\s*\]/g;
const ITEM = /(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?/g;
/** Longer "ranges" are more likely years or page spans than citations. */
const MAX_RANGE = 20;

/** Each item of a bracket group: the numbers it stands for, or null when it is not a valid citation. */
function parseGroup(group: string, allowed: (n: number) => boolean): Array<{ source: string; numbers: number[] | null }> {
  const items: Array<{ source: string; numbers: number[] | null }> = [];
  for (const m of group.matchAll(ITEM)) {
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    const numbers: number[] = [];
    if (lo >= 1 && lo <= hi && hi - lo <= MAX_RANGE) for (let n = lo; n <= hi; n++) numbers.push(n);
    // A range is a citation only when every number in it is one.
    const valid = numbers.length > 0 && numbers.every(allowed);
    items.push({ source: m[0], numbers: valid ? numbers : null });
  }
  return items;
}

/** Valid citation numbers in order of first appearance, each once. */
export function parseCitations(answer: string, citable: Citable): number[] {
  const allowed = allowedBy(citable);
  const seen = new Set<number>();
  for (const m of answer.matchAll(GROUP)) {
    for (const item of parseGroup(m[0], allowed)) for (const n of item.numbers ?? []) seen.add(n);
  }
  return [...seen];
}

/** The answer as text runs and citation chips; invalid numbers stay in the text as "[n]". */
export function splitCitations(answer: string, citable: Citable): AnswerPart[] {
  const allowed = allowedBy(citable);
  const parts: AnswerPart[] = [];
  const pushText = (text: string): void => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last?.kind === 'text') last.text += text;
    else parts.push({ kind: 'text', text });
  };
  let pos = 0;
  for (const m of answer.matchAll(GROUP)) {
    const items = parseGroup(m[0], allowed);
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
