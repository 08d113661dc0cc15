/**
 * The language a document is written in, guessed from its text: enough to tell whether an
 * English-only embedding model can read it (device/recommend-embedder.ts), and to name the language
 * in a sentence. Scripts used by one language decide at once (kana → Japanese, Hangul → Korean,
 * Thai, Greek…); Latin and Cyrillic text is scored by the share of its words that are the
 * language's commonest function words, which is how short-text identifiers have long worked.
 * Returns an ISO 639-1 code, or 'und' when the text is too short or matches no language well.
 */

/** Fewer letters than this say nothing reliable. */
const MIN_LETTERS = 20;
/** Latin or Cyrillic text with fewer words than this is not scored. */
const MIN_WORDS = 8;
/** The best language's function words must make up at least this share of the words. */
const MIN_SHARE = 0.08;
/** Characters looked at: the start of a long document says as much as all of it. */
const SAMPLE_CHARS = 20_000;

/** The commonest function words of each language (lowercase; diacritics as written). */
const FUNCTION_WORDS: Record<string, readonly string[]> = {
  en: ['the', 'of', 'and', 'to', 'in', 'is', 'that', 'it', 'for', 'was', 'on', 'are', 'with', 'as', 'be', 'this', 'by', 'at', 'from', 'have', 'or', 'which', 'not', 'an', 'they', 'their', 'has', 'were', 'its', 'can'],
  de: ['der', 'die', 'und', 'das', 'in', 'ist', 'den', 'von', 'zu', 'mit', 'sich', 'des', 'auf', 'für', 'nicht', 'dem', 'eine', 'ein', 'als', 'auch', 'es', 'an', 'wird', 'aus', 'er', 'sie', 'bei', 'nach', 'wie', 'im', 'sind', 'einer', 'um', 'werden', 'seit', 'am', 'zum', 'zur'],
  fr: ['le', 'la', 'les', 'de', 'des', 'et', 'est', 'un', 'une', 'du', 'en', 'que', 'qui', 'dans', 'pour', 'pas', 'au', 'sur', 'par', 'plus', 'ne', 'se', 'sont', 'avec', 'il', 'elle', 'ce', 'aux', 'ou', 'nous', 'vous'],
  es: ['el', 'la', 'de', 'que', 'y', 'en', 'los', 'las', 'del', 'se', 'un', 'una', 'por', 'con', 'no', 'para', 'es', 'al', 'lo', 'como', 'más', 'pero', 'sus', 'su', 'le', 'ya', 'o', 'este', 'está', 'son'],
  it: ['il', 'di', 'che', 'la', 'e', 'è', 'per', 'un', 'una', 'in', 'non', 'del', 'della', 'le', 'si', 'con', 'sono', 'da', 'dei', 'gli', 'al', 'nel', 'alla', 'anche', 'come', 'più', 'ma', 'lo', 'questo', 'delle'],
  pt: ['o', 'a', 'de', 'que', 'e', 'do', 'da', 'em', 'um', 'uma', 'para', 'com', 'não', 'os', 'as', 'no', 'na', 'por', 'mais', 'dos', 'das', 'se', 'ao', 'é', 'como', 'mas', 'foi', 'seu', 'sua', 'são'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'dat', 'in', 'op', 'te', 'zijn', 'voor', 'niet', 'met', 'die', 'aan', 'er', 'ook', 'als', 'bij', 'door', 'maar', 'om', 'dan', 'naar', 'wordt', 'wel', 'nog', 'uit', 'zich'],
  sv: ['och', 'i', 'att', 'det', 'som', 'en', 'är', 'på', 'av', 'för', 'med', 'till', 'den', 'har', 'de', 'inte', 'om', 'ett', 'men', 'var', 'jag', 'sig', 'från', 'vi', 'så', 'kan', 'när', 'hade', 'detta', 'eller'],
  da: ['og', 'i', 'at', 'det', 'er', 'en', 'til', 'på', 'af', 'for', 'med', 'den', 'de', 'ikke', 'som', 'har', 'et', 'der', 'var', 'han', 'sig', 'fra', 'men', 'kan', 'om', 'eller', 'også', 'efter', 'hvor', 'være'],
  nb: ['og', 'i', 'er', 'det', 'på', 'til', 'en', 'som', 'av', 'for', 'med', 'at', 'har', 'ikke', 'den', 'de', 'et', 'var', 'fra', 'om', 'kan', 'seg', 'men', 'eller', 'også', 'etter', 'hvor', 'være', 'ble', 'vil'],
  pl: ['i', 'w', 'na', 'z', 'się', 'nie', 'do', 'to', 'że', 'jest', 'o', 'a', 'jak', 'po', 'co', 'od', 'za', 'ale', 'dla', 'tak', 'jego', 'czy', 'przez', 'są', 'lub', 'oraz', 'być', 'tym', 'ich', 'jej'],
  cs: ['a', 'v', 'se', 'na', 'je', 'že', 'to', 's', 'z', 'do', 'o', 'jako', 'ale', 'pro', 'by', 'k', 'jsou', 'tak', 'od', 'po', 'jeho', 'které', 'který', 'také', 'byl', 'nebo', 'jsem', 'už', 'při', 'jen'],
  tr: ['ve', 'bir', 'bu', 'da', 'de', 'için', 'ile', 'olarak', 'çok', 'daha', 'gibi', 'en', 'olan', 'ne', 'ama', 'kadar', 'sonra', 'her', 'ki', 'o', 'var', 'değil', 'mi', 'ya', 'veya', 'şey', 'göre', 'olduğu', 'ancak', 'yıl'],
  fi: ['ja', 'on', 'ei', 'että', 'se', 'oli', 'hän', 'mutta', 'kun', 'ovat', 'tai', 'kuin', 'myös', 'sen', 'ole', 'jos', 'niin', 'sekä', 'vain', 'joka', 'jo', 'mukaan', 'ne', 'tämä', 'nyt', 'voi', 'hänen', 'sitä', 'kanssa', 'siitä'],
  ro: ['și', 'de', 'în', 'la', 'a', 'cu', 'pe', 'nu', 'care', 'din', 'o', 'un', 'că', 'se', 'este', 'mai', 'pentru', 'sau', 'ca', 'sunt', 'al', 'lui', 'fost', 'prin', 'dar', 'au', 'acest', 'după', 'ei', 'fi'],
  hu: ['a', 'az', 'és', 'hogy', 'nem', 'is', 'egy', 'de', 'meg', 'volt', 'van', 'csak', 'már', 'mint', 'ez', 'el', 'még', 'sem', 'vagy', 'kell', 'azt', 'ki', 'fel', 'ha', 'pedig', 'után', 'minden', 'lesz', 'nagyon', 'között'],
  id: ['yang', 'dan', 'di', 'ini', 'itu', 'dengan', 'untuk', 'tidak', 'dari', 'dalam', 'akan', 'pada', 'juga', 'ke', 'ada', 'adalah', 'bisa', 'oleh', 'karena', 'saya', 'mereka', 'lebih', 'sudah', 'atau', 'telah', 'kami', 'seperti', 'hanya', 'harus', 'baru'],
  vi: ['của', 'và', 'là', 'có', 'không', 'được', 'những', 'cho', 'các', 'trong', 'với', 'một', 'người', 'đã', 'này', 'khi', 'đến', 'để', 'từ', 'cũng', 'như', 'nhiều', 'về', 'sẽ', 'thì', 'ra', 'nhưng', 'năm', 'đó', 'vào'],
  ru: ['и', 'в', 'не', 'на', 'что', 'с', 'по', 'это', 'как', 'к', 'из', 'он', 'а', 'но', 'за', 'от', 'для', 'то', 'все', 'так', 'его', 'же', 'она', 'бы', 'только', 'уже', 'был', 'или', 'при', 'они'],
  uk: ['і', 'в', 'не', 'на', 'що', 'з', 'у', 'й', 'та', 'до', 'як', 'це', 'за', 'від', 'для', 'по', 'але', 'його', 'вони', 'він', 'так', 'вона', 'ще', 'був', 'або', 'про', 'які', 'який', 'також', 'при'],
  bg: ['и', 'в', 'на', 'не', 'да', 'се', 'за', 'от', 'че', 'е', 'с', 'са', 'по', 'като', 'това', 'но', 'до', 'ще', 'към', 'си', 'той', 'тя', 'което', 'който', 'при', 'или', 'много', 'им', 'след', 'бе'],
  sr: ['и', 'у', 'на', 'је', 'да', 'се', 'за', 'од', 'не', 'са', 'су', 'из', 'као', 'по', 'али', 'то', 'што', 'који', 'која', 'или', 'до', 'ће', 'би', 'био', 'их', 'при', 'када', 'још', 'све', 'него'],
};

const WORD_SETS = new Map(Object.entries(FUNCTION_WORDS).map(([code, words]) => [code, new Set(words)] as const));
const CYRILLIC_LANGUAGES = new Set(['ru', 'uk', 'bg', 'sr']);

/** Scripts written by one language (or one above all others), with that language. */
const SINGLE_LANGUAGE_SCRIPTS: readonly [RegExp, string][] = [
  [/\p{sc=Hangul}/u, 'ko'],
  [/\p{sc=Thai}/u, 'th'],
  [/\p{sc=Greek}/u, 'el'],
  [/\p{sc=Hebrew}/u, 'he'],
  [/\p{sc=Georgian}/u, 'ka'],
  [/\p{sc=Armenian}/u, 'hy'],
  [/\p{sc=Bengali}/u, 'bn'],
  [/\p{sc=Tamil}/u, 'ta'],
  [/\p{sc=Telugu}/u, 'te'],
  [/\p{sc=Kannada}/u, 'kn'],
  [/\p{sc=Malayalam}/u, 'ml'],
  [/\p{sc=Gujarati}/u, 'gu'],
  [/\p{sc=Gurmukhi}/u, 'pa'],
  [/\p{sc=Sinhala}/u, 'si'],
  [/\p{sc=Khmer}/u, 'km'],
  [/\p{sc=Lao}/u, 'lo'],
  [/\p{sc=Myanmar}/u, 'my'],
  [/\p{sc=Ethiopic}/u, 'am'],
  [/\p{sc=Devanagari}/u, 'hi'],
];

const KANA = /[\p{sc=Hiragana}\p{sc=Katakana}]/u;
const HAN = /\p{sc=Han}/u;
const LATIN = /\p{sc=Latin}/u;
const CYRILLIC = /\p{sc=Cyrillic}/u;
const ARABIC = /\p{sc=Arabic}/u;
const LETTER = /\p{L}/u;
const WORDS = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;
/** Letters Persian and Urdu add to the Arabic alphabet. */
const URDU_LETTERS = /[ٹڈڑںے]/;
const PERSIAN_LETTERS = /[پچژگکی]/;

/** Detects the language of `text`: an ISO 639-1 code, or 'und' (undetermined). */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  const counts = new Map<string, number>();
  let letters = 0;
  for (const ch of sample) {
    if (!LETTER.test(ch)) continue;
    letters++;
    const script = scriptOf(ch);
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  if (letters < MIN_LETTERS) return 'und';
  const [script] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] as [string, number];
  const kana = counts.get('kana') ?? 0;
  // Japanese mixes kanji and kana; Chinese has no kana at all.
  if (script === 'kana' || (script === 'han' && kana >= 0.05 * (counts.get('han') ?? 0))) return 'ja';
  if (script === 'han') return 'zh';
  if (script === 'arabic') return URDU_LETTERS.test(sample) ? 'ur' : PERSIAN_LETTERS.test(sample) ? 'fa' : 'ar';
  if (script === 'latin' || script === 'cyrillic') return byFunctionWords(sample, script === 'cyrillic');
  return script === 'other' ? 'und' : script;
}

/** The language of a document given as its passages, in order (only the first few are read). */
export function detectLanguageOfParts(parts: Iterable<string>): string {
  let sample = '';
  for (const part of parts) {
    if (sample.length >= SAMPLE_CHARS) break;
    sample += `${part}\n`;
  }
  return detectLanguage(sample);
}

/** The script bucket of one letter: 'latin', 'cyrillic', 'han', 'kana', 'arabic', a language code, or 'other'. */
function scriptOf(ch: string): string {
  if (LATIN.test(ch)) return 'latin';
  if (CYRILLIC.test(ch)) return 'cyrillic';
  if (KANA.test(ch)) return 'kana';
  if (HAN.test(ch)) return 'han';
  if (ARABIC.test(ch)) return 'arabic';
  for (const [pattern, code] of SINGLE_LANGUAGE_SCRIPTS) if (pattern.test(ch)) return code;
  return 'other';
}

function byFunctionWords(sample: string, cyrillic: boolean): string {
  const words = sample.toLowerCase().match(WORDS) ?? [];
  if (words.length < MIN_WORDS) return 'und';
  let best = 'und';
  let bestHits = 0;
  for (const [code, set] of WORD_SETS) {
    if (CYRILLIC_LANGUAGES.has(code) !== cyrillic) continue;
    let hits = 0;
    for (const w of words) if (set.has(w)) hits++;
    if (hits > bestHits) {
      best = code;
      bestHits = hits;
    }
  }
  return bestHits / words.length >= MIN_SHARE ? best : 'und';
}

/**
 * The language most of a library's passages are in, other than English and undetermined ones,
 * with how many documents are in it; null when every document is English (or undetermined).
 */
export function mainOtherLanguage(docs: readonly { language?: string; chunkCount: number }[]): { language: string; documents: number } | null {
  const passages = new Map<string, { passages: number; documents: number }>();
  for (const d of docs) {
    if (!d.language || d.language === 'en' || d.language === 'und') continue;
    const entry = passages.get(d.language) ?? { passages: 0, documents: 0 };
    entry.passages += d.chunkCount;
    entry.documents++;
    passages.set(d.language, entry);
  }
  const top = [...passages.entries()].sort((a, b) => b[1].passages - a[1].passages)[0];
  return top ? { language: top[0], documents: top[1].documents } : null;
}
