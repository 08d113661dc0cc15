/**
 * Which Latin words keep their diacritics: Vietnamese ones.
 *
 * The analyzer folds diacritics on Latin letters ("café" → "cafe") because French, Spanish, German
 * … readers often type without them and the accent rarely separates two words there. Vietnamese
 * is the opposite: tone marks and vowel marks make different words ("má" mother, "mà" but, "mả"
 * grave, "mã" horse, "mạ" rice seedling, "ma" ghost), so folding merges them.
 *
 * The decision looks at the token alone, never at the surrounding document: a query has no
 * document around it, and both sides must produce the same term. A token keeps its marks when
 *   1. it contains a letter only Vietnamese (and a few other tonal languages such as Yoruba) uses:
 *      ơ, ư, or a precomposed letter of U+1EA0–U+1EF9 (ạ ả ấ … ỹ: dot below, hook above, or a
 *      vowel carrying two marks), or
 *   2. it is one well-formed Vietnamese syllable (initial consonant, vowel nucleus, final
 *      consonant from Vietnamese's small inventories) whose marks are all Vietnamese ones (at most
 *      one tone mark, circumflex on a/e/o, breve on a, horn on o/u; đ allowed).
 * Vietnamese is written one syllable per space-separated word, so rule 2 covers "má", "mà", "mã",
 * "đi", "ăn", "bên", "hóa".
 *
 * Trade-off: â ê ô ă đ alone do not decide (French "hôtel", "être", Portuguese "você", Romanian
 * "fată", Croatian "Đoković" still fold), and neither do á à ã, which French, Spanish and Portuguese
 * use. The price of rule 2 is that short words of those languages which happen to be well-formed
 * Vietnamese syllables keep their accent: French "à", "là"; Spanish "sí", "tú", "qué"; Portuguese
 * "é", "só", "não", "pão"; Italian "è", "più", "già". A reader typing "si" no longer finds "sí".
 * Those are mostly function words whose accent separates them from another word in their own
 * language too (sí/si, tú/tu, è/e), so little is lost; longer words ("café", "está", "perché",
 * "città", "mãe", "três") fold as before. And Vietnamese typed without marks ("Ha Noi") no longer
 * finds "Hà Nội": the unavoidable other side of telling "má" from "mà".
 *
 * Vietnamese has two spellings for the tone of open oa/oe/uy syllables ("hóa"/"hoá", "thủy"/"thuỷ",
 * "khỏe"/"khoẻ"), both common; `vietnameseTerm` writes the mark on the first vowel so they meet.
 */

/** ơ ư (either case) and the precomposed Vietnamese letters of Latin Extended Additional. */
const VIETNAMESE_ONLY = /[\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/;
const INITIAL = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?';
const NUCLEUS =
  '(?:oai|oay|oeo|uay|uoi|uou|uya|uye|uyu|ieu|yeu|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|[aeiouy])';
const FINAL = '(?:ch|ng|nh|[cmnpt])?';
/** A syllable spelled in base letters (marks removed, đ kept). */
const SYLLABLE = new RegExp(`^${INITIAL}${NUCLEUS}${FINAL}$`);
/** An open oa/oe/uy syllable in NFD, where the two spellings put the tone mark on different vowels. */
const OPEN_GLIDE = new RegExp(`^(${INITIAL})([ou])([\u0300\u0301\u0303\u0309\u0323]?)([aey])([\u0300\u0301\u0303\u0309\u0323]?)$`);

const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/** Rule 2 on a lowercase NFD string: one syllable, Vietnamese marks only, each on a letter that takes it. */
function isVietnameseSyllable(nfd: string): boolean {
  let base = '';
  let last = '';
  let tones = 0;
  for (const c of nfd) {
    if ((c >= 'a' && c <= 'z') || c === 'đ') {
      base += c;
      last = c;
    } else if (TONE_MARKS.has(c)) {
      if (!VOWELS.has(last) || ++tones > 1) return false;
    } else if (c === '\u0302') {
      if (last !== 'a' && last !== 'e' && last !== 'o') return false;
    } else if (c === '\u0306') {
      if (last !== 'a') return false;
    } else if (c === '\u031b') {
      if (last !== 'o' && last !== 'u') return false;
    } else {
      return false;
    }
  }
  return base.length <= 7 && SYLLABLE.test(base);
}

/**
 * The token's Vietnamese term (NFC, marks kept, tone of open oa/oe/uy on the first vowel), or null
 * when the token is not Vietnamese and should be folded like any other Latin word.
 * `token` must be lowercase.
 */
export function vietnameseTerm(token: string): string | null {
  const nfd = token.normalize('NFD');
  const single = isVietnameseSyllable(nfd);
  if (!single && !VIETNAMESE_ONLY.test(token.normalize('NFC'))) return null;
  const m = single ? OPEN_GLIDE.exec(nfd) : null;
  const canonical = m && (m[3] || m[5]) ? `${m[1]}${m[2]}${m[3] || m[5]}${m[4]}` : nfd;
  return canonical.normalize('NFC');
}
