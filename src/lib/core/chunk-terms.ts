/**
 * A chunk's BM25 terms: its file name, its headings and its text, so a question that names the
 * document or the section finds it. Ingestion and the schema migration both call this.
 */
import { analyze } from './analyzer';

export function chunkTerms(docName: string, headingPath: readonly string[], text: string): string[] {
  return analyze(`${docName}\n${headingPath.join('\n')}\n${text}`);
}
