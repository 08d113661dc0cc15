/**
 * The Snowball English stemmer ("Porter2"), current revision (Snowball 3): the classic Porter2 steps
 * plus the later fixes (R1 prefixes such as "univers"/"organ", "succeed"/"proceed" kept, "dying" →
 * "die", "ogist" → "og"). Input must already be lowercase a–z with optional apostrophes; the
 * analyzer guarantees that. Step names follow https://snowballstem.org/algorithms/english/stemmer.html.
 */

function isVowel(c: string | undefined): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y';
}

/** Whole words the algorithm would otherwise mangle (exception1 in the reference). */
const EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  ['skis', 'ski'], ['skies', 'sky'], ['idly', 'idl'], ['gently', 'gentl'], ['ugly', 'ugli'],
  ['early', 'earli'], ['only', 'onli'], ['singly', 'singl'],
  ['sky', 'sky'], ['news', 'news'], ['howe', 'howe'], ['atlas', 'atlas'], ['cosmos', 'cosmos'],
  ['bias', 'bias'], ['andes', 'andes'],
]);

/** Prefixes whose R1 starts right after them, so "generous" and "general" do not collapse. */
const R1_PREFIXES = ['arsen', 'commun', 'emerg', 'gener', 'inter', 'later', 'organ', 'past', 'univers'];

const STEP1B_ING_KEEP = new Set(['even', 'cann', 'inn', 'earr', 'herr', 'out']);
const STEP1B_EED_KEEP = new Set(['succ', 'proc', 'exc']);
const DOUBLES = new Set(['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);
const VALID_LI = new Set(['c', 'd', 'e', 'g', 'h', 'k', 'm', 'n', 'r', 't']);

/** Longest-first suffix tables: [suffix, replacement]; `null` marks a rule with an extra condition. */
const STEP2: Array<[string, string | null]> = [
  ['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'], ['ousness', 'ous'], ['iveness', 'ive'],
  ['tional', 'tion'], ['biliti', 'ble'], ['lessli', 'less'], ['entli', 'ent'], ['ation', 'ate'],
  ['alism', 'al'], ['aliti', 'al'], ['ousli', 'ous'], ['iviti', 'ive'], ['fulli', 'ful'], ['ogist', 'og'],
  ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'], ['izer', 'ize'], ['ator', 'ate'], ['alli', 'al'],
  ['bli', 'ble'], ['ogi', null], ['li', null],
];
const STEP3: Array<[string, string | null]> = [
  ['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'],
  ['ative', null], ['ical', 'ic'], ['ness', ''], ['ful', ''],
];
const STEP4 = [
  'ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize',
  'ion', 'al', 'er', 'ic',
];

function longest<T>(word: string, table: Array<[string, T]>): [string, T] | undefined {
  for (const row of table) if (word.endsWith(row[0])) return row;
  return undefined;
}

/** Ends in a short syllable (or is "past"), judged on the whole string `w`. */
function endsShortSyllable(w: string): boolean {
  const n = w.length;
  const c = w[n - 1];
  const v = w[n - 2];
  if (n >= 3 && !isVowel(c) && c !== 'w' && c !== 'x' && c !== 'Y' && isVowel(v) && !isVowel(w[n - 3])) return true;
  if (n === 2 && !isVowel(c) && isVowel(v)) return true;
  return w.endsWith('past');
}

function markRegions(w: string): [number, number] {
  const n = w.length;
  const after = (from: number): number => {
    let i = from;
    while (i < n && !isVowel(w[i])) i++;
    while (i < n && isVowel(w[i])) i++;
    return i < n ? i + 1 : n;
  };
  const prefix = R1_PREFIXES.find((p) => w.startsWith(p));
  const p1 = prefix ? prefix.length : after(0);
  return [p1, after(p1)];
}

function step1a(w: string): string {
  if (w.endsWith("'s'")) w = w.slice(0, -3);
  else if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ied') || w.endsWith('ies')) return w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  if (w.endsWith('ss') || w.endsWith('us')) return w;
  if (w.endsWith('s')) {
    // Delete the s only when a vowel occurs before the letter just ahead of it ("gaps" → "gap", "gas" stays).
    for (let i = 0; i < w.length - 2; i++) if (isVowel(w[i])) return w.slice(0, -1);
  }
  return w;
}

const STEP1B: Array<[string, number]> = [
  ['eedly', 1], ['ingly', 2], ['edly', 2], ['eed', 1], ['ing', 3], ['ed', 2],
];

function step1b(w: string, p1: number): string {
  const hit = longest(w, STEP1B);
  if (!hit) return w;
  const [suffix, kind] = hit;
  const stem = w.slice(0, w.length - suffix.length);
  if (kind === 1) {
    if (stem.length >= p1 && !STEP1B_EED_KEEP.has(stem)) return stem + 'ee';
    return w;
  }
  if (kind === 3) {
    if (stem.length === 2 && stem[1] === 'y' && !isVowel(stem[0])) return stem[0] + 'ie';
    if (STEP1B_ING_KEEP.has(stem)) return w;
  }
  let hasVowel = false;
  for (let i = 0; i < stem.length; i++) if (isVowel(stem[i])) { hasVowel = true; break; }
  if (!hasVowel) return w;
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return stem + 'e';
  if (DOUBLES.has(stem.slice(-2))) {
    // "add", "egg", "off": a three-letter word keeps its double.
    if (stem.length === 3 && (stem[0] === 'a' || stem[0] === 'e' || stem[0] === 'o')) return stem;
    return stem.slice(0, -1);
  }
  // A "short word" (empty R1, ends in a short syllable) gets its e back: "hoping" → "hope".
  if (p1 === stem.length && endsShortSyllable(stem)) return stem + 'e';
  return stem;
}

function step1c(w: string): string {
  const n = w.length;
  const last = w[n - 1];
  if ((last === 'y' || last === 'Y') && n > 2 && !isVowel(w[n - 2])) return w.slice(0, -1) + 'i';
  return w;
}

function step2(w: string, p1: number): string {
  const hit = longest(w, STEP2);
  if (!hit) return w;
  const [suffix, repl] = hit;
  const start = w.length - suffix.length;
  if (start < p1) return w;
  if (suffix === 'ogi') return w[start - 1] === 'l' ? w.slice(0, start) + 'og' : w;
  if (suffix === 'li') return VALID_LI.has(w[start - 1] ?? '') ? w.slice(0, start) : w;
  return w.slice(0, start) + (repl ?? '');
}

function step3(w: string, p1: number, p2: number): string {
  const hit = longest(w, STEP3);
  if (!hit) return w;
  const [suffix, repl] = hit;
  const start = w.length - suffix.length;
  if (start < p1) return w;
  if (suffix === 'ative') return start >= p2 ? w.slice(0, start) : w;
  return w.slice(0, start) + (repl ?? '');
}

function step4(w: string, p2: number): string {
  const suffix = STEP4.find((s) => w.endsWith(s));
  if (!suffix) return w;
  const start = w.length - suffix.length;
  if (start < p2) return w;
  if (suffix === 'ion') return w[start - 1] === 's' || w[start - 1] === 't' ? w.slice(0, start) : w;
  return w.slice(0, start);
}

function step5(w: string, p1: number, p2: number): string {
  const n = w.length;
  if (w.endsWith('e')) {
    const start = n - 1;
    if (start >= p2 || (start >= p1 && !endsShortSyllable(w.slice(0, start)))) return w.slice(0, start);
    return w;
  }
  if (w.endsWith('l') && n - 1 >= p2 && w[n - 2] === 'l') return w.slice(0, -1);
  return w;
}

/** Stem one lowercase English word. */
export function stemEnglish(word: string): string {
  const exception = EXCEPTIONS.get(word);
  if (exception !== undefined) return exception;
  if (word.length < 3) return word;

  let w = word[0] === "'" ? word.slice(1) : word;
  // Mark consonant-y (initial y, or y after a vowel) as Y so it is not treated as a vowel.
  let yFound = false;
  if (w.includes('y')) {
    let out = '';
    for (let i = 0; i < w.length; i++) {
      const c = w[i] as string;
      if (c === 'y' && (i === 0 || isVowel(out[i - 1]))) {
        out += 'Y';
        yFound = true;
      } else out += c;
    }
    w = out;
  }
  const [p1, p2] = markRegions(w);
  w = step1a(w);
  w = step1b(w, p1);
  w = step1c(w);
  w = step2(w, p1);
  w = step3(w, p1, p2);
  w = step4(w, p2);
  w = step5(w, p1, p2);
  return yFound ? w.replaceAll('Y', 'y') : w;
}
