/**
 * English stop lists. LUCENE is the 33-word list Lucene's EnglishAnalyzer (and so Anserini's BM25
 * baselines) drops; EXTENDED adds pronouns, auxiliaries and question words, which matter for
 * questions typed by people ("what did the treaty say about …").
 */

export const LUCENE_STOP_WORDS: readonly string[] = [
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not',
  'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was',
  'will', 'with',
];

export const EXTENDED_STOP_WORDS: readonly string[] = [
  ...LUCENE_STOP_WORDS,
  'about', 'above', 'after', 'again', 'all', 'am', 'any', 'because', 'been', 'before', 'being', 'below',
  'between', 'both', 'can', 'could', 'did', 'do', 'does', 'doing', 'down', 'during', 'each', 'few', 'from',
  'further', 'had', 'has', 'have', 'having', 'he', 'her', 'here', 'hers', 'herself', 'him', 'himself', 'his',
  'how', 'i', 'its', 'itself', 'just', 'me', 'more', 'most', 'my', 'myself', 'nor', 'now', 'off', 'once',
  'only', 'other', 'ought', 'our', 'ours', 'ourselves', 'out', 'over', 'own', 'same', 'she', 'should', 'so',
  'some', 'than', 'theirs', 'them', 'themselves', 'those', 'through', 'too', 'under', 'until', 'up', 'very',
  'we', 'were', 'what', 'when', 'where', 'which', 'while', 'who', 'whom', 'why', 'would', 'you', 'your',
  'yours', 'yourself', 'yourselves',
];
