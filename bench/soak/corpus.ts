/**
 * The soak's documents and questions. From SQuAD v1.1 dev in ../shared when it is there: Wikipedia
 * paragraphs grouped into documents (consecutive paragraphs of one article), and SQuAD's own questions
 * about exactly those paragraphs, so every question retrieves a real passage. Without ../shared,
 * generated documents with questions built from their rarest words. The source is always named.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedText } from '../data/text';

export interface SoakDocument {
  name: string;
  mimeType: 'text/plain' | 'text/markdown';
  text: string;
}

export interface SoakCorpus {
  /** One line on where the text came from, printed and kept in the results. */
  source: string;
  documents: SoakDocument[];
  questions: string[];
  /** Fewer distinct questions than asked for: the list was cycled. */
  repeatedQuestions: boolean;
}

/** Paragraphs per document: ~10 Wikipedia paragraphs is a few pages, a realistic note or article. */
export const PARAGRAPHS_PER_DOCUMENT = 10;

export interface Paragraph {
  id: string;
  title: string;
  text: string;
}

export interface Group {
  title: string;
  part: number;
  paragraphs: Paragraph[];
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48) || 'document';
}

/** Consecutive paragraphs of one article, never across articles (corpus ids are "<article>-<paragraph>"). */
export function groupParagraphs(paragraphs: readonly Paragraph[], perGroup: number): Group[] {
  const groups: Group[] = [];
  let article = '';
  let part = 0;
  for (const p of paragraphs) {
    const a = p.id.split('-')[0] ?? '';
    const last = groups.at(-1);
    if (a !== article) {
      article = a;
      part = 0;
    }
    if (!last || a !== (last.paragraphs[0]?.id.split('-')[0] ?? '') || last.paragraphs.length >= perGroup) {
      groups.push({ title: p.title, part: ++part, paragraphs: [p] });
    } else {
      last.paragraphs.push(p);
    }
  }
  return groups;
}

/**
 * Questions in rounds over the documents (the first question of every document, then the second…),
 * so consecutive questions go to different documents, as a person's would. Cycled when too few.
 */
export function interleave(perDocument: readonly (readonly string[])[], count: number): { questions: string[]; repeated: boolean } {
  const order: string[] = [];
  const longest = Math.max(0, ...perDocument.map((q) => q.length));
  for (let round = 0; round < longest && order.length < count; round++) {
    for (const qs of perDocument) {
      const q = qs[round];
      if (q !== undefined) order.push(q);
      if (order.length === count) break;
    }
  }
  if (order.length === 0) throw new Error('The soak corpus has no questions');
  const repeated = order.length < count;
  const questions = Array.from({ length: count }, (_, i) => order[i % order.length] as string);
  return { questions, repeated };
}

export function documentFor(group: Group, index: number): SoakDocument {
  const body = group.paragraphs.map((p) => p.text.trim()).join('\n\n');
  const heading = `${group.title} (part ${group.part})`;
  // Alternate Markdown and plain text, so both parsers run throughout the session.
  return index % 2 === 0
    ? { name: `${slug(group.title)}-${group.part}.md`, mimeType: 'text/markdown', text: `# ${heading}\n\n${body}\n` }
    : { name: `${slug(group.title)}-${group.part}.txt`, mimeType: 'text/plain', text: `${heading}\n\n${body}\n` };
}

export function squadCorpus(sharedDir: string, documents: number, questions: number): SoakCorpus | null {
  const dir = join(sharedDir, 'datasets', 'squad', 'v1.1-dev');
  const files = ['corpus.jsonl', 'queries.jsonl', join('qrels', 'test.tsv')].map((f) => join(dir, f));
  if (!files.every((f) => existsSync(f))) return null;
  const [corpusFile, queriesFile, qrelsFile] = files as [string, string, string];
  const paragraphs = readJsonl<{ _id: string; title: string; text: string }>(corpusFile).map((p) => ({ id: p._id, title: p.title, text: p.text }));
  const groups = groupParagraphs(paragraphs, PARAGRAPHS_PER_DOCUMENT);
  if (groups.length < documents) throw new Error(`SQuAD v1.1 dev makes ${groups.length} documents of ${PARAGRAPHS_PER_DOCUMENT} paragraphs; ${documents} were asked for`);
  const chosen = groups.slice(0, documents);
  const queryText = new Map(readJsonl<{ _id: string; text: string }>(queriesFile).map((q) => [q._id, q.text.trim()]));
  const byParagraph = new Map<string, string[]>();
  for (const line of readFileSync(qrelsFile, 'utf8').split('\n').slice(1)) {
    const [queryId, paragraphId] = line.split('\t');
    const text = queryId ? queryText.get(queryId) : undefined;
    if (!paragraphId || !text) continue;
    byParagraph.set(paragraphId, [...(byParagraph.get(paragraphId) ?? []), text]);
  }
  const perDocument = chosen.map((g) => g.paragraphs.flatMap((p) => byParagraph.get(p.id) ?? []));
  const picked = interleave(perDocument, questions);
  return {
    source: `SQuAD v1.1 dev (${dir}): Wikipedia articles in documents of ${PARAGRAPHS_PER_DOCUMENT} paragraphs, SQuAD's own questions about them`,
    documents: chosen.map(documentFor),
    questions: picked.questions,
    repeatedQuestions: picked.repeated,
  };
}

/**
 * Generated documents (Zipf-distributed common words) and one question per document in each round,
 * naming three of the rarest words of one of its sentences, so BM25 finds that document.
 */
export function generatedCorpus(documents: number, questions: number, seed = 7, why = 'asked for'): SoakCorpus {
  const sentencesPerParagraph = 5;
  const sentences = generatedText(documents * PARAGRAPHS_PER_DOCUMENT * sentencesPerParagraph, seed).sentences;
  const perDocSentences = PARAGRAPHS_PER_DOCUMENT * sentencesPerParagraph;
  const docs: SoakDocument[] = [];
  const perDocument: string[][] = [];
  for (let d = 0; d < documents; d++) {
    const own = sentences.slice(d * perDocSentences, (d + 1) * perDocSentences);
    const paragraphs = Array.from({ length: PARAGRAPHS_PER_DOCUMENT }, (_, p) => own.slice(p * sentencesPerParagraph, (p + 1) * sentencesPerParagraph).join(' '));
    docs.push(documentFor({ title: `Generated notes ${d + 1}`, part: 1, paragraphs: paragraphs.map((text, p) => ({ id: `${d}-${p}`, title: '', text })) }, d));
    perDocument.push(own.map((s) => {
      // Longest words are the rarest in a Zipf list of common words, and never pronouns.
      const all = [...new Set(s.replace(/[.]/g, '').toLowerCase().split(/\s+/))];
      const long = all.filter((w) => w.length > 3);
      const words = (long.length ? long : all).sort((a, b) => b.length - a.length).slice(0, 3);
      return `Which passage mentions ${words.join(', ')} together?`;
    }));
  }
  const picked = interleave(perDocument, questions);
  return {
    source: `generated text (${why}): Zipf-distributed common words, questions from each document's rarest words`,
    documents: docs,
    questions: picked.questions,
    repeatedQuestions: picked.repeated,
  };
}

export function soakCorpus(sharedDir: string, documents: number, questions: number): SoakCorpus {
  return squadCorpus(sharedDir, documents, questions) ?? generatedCorpus(documents, questions, 7, `no SQuAD v1.1 dev at ${join(sharedDir, 'datasets', 'squad', 'v1.1-dev')}`);
}
