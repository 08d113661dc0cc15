/**
 * `hearth pack <files or folders…> --out KB.hearth`: every readable file parsed, chunked, analyzed
 * and embedded by the browser's own code (workers/retrieval/ingest.ts), then written as one pack.
 * A file that cannot be read is reported and skipped; the pack is written only if one file made it,
 * through a temporary file, so a failed run never leaves half a pack under the name asked for.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Catalog, EmbedderModel } from '../../src/lib/catalog/types';
import { AppError } from '../../src/lib/errors';
import { formatForName } from '../../src/lib/ingest/formats';
import { packContentsOf, type LibraryEntry } from '../../workers/pack/from-library';
import { writePack } from '../../workers/pack/write';
import { buildDocument, sha256Hex, type PassageEmbedder } from '../../workers/retrieval/ingest';
import { CliError } from '../cli-error';
import { collectFiles } from '../collect-files';
import { loadNodeEmbedder } from '../node-embedder';
import type { ProgressBar } from '../progress';
import { findEmbedder } from '../catalog-node';

export interface PackOptions {
  inputs: string[];
  out: string;
  /** A catalog embedder id, or 'none' for a BM25-only pack. */
  embedder: string;
  modelBase: string;
  catalog: Catalog;
  originals: boolean;
  progress: ProgressBar;
}

export interface PackSummary {
  documents: number;
  pages: number;
  chunks: number;
  bytes: number;
  seconds: number;
  failed: { file: string; code: string; message: string }[];
}

/** Chunks for a BM25-only pack: sized by characters (about 250 tokens), no vectors. */
const NO_EMBEDDER: PassageEmbedder = {
  model: { id: 'none', dimensions: 0 } as EmbedderModel,
  maxTokens: Infinity,
  countTokens: () => 0,
  embed: async (texts) => texts.map(() => new Float32Array(0)),
};

export async function packCommand(options: PackOptions): Promise<PackSummary> {
  const started = performance.now();
  const { progress } = options;
  const { files, skipped } = await collectFiles(options.inputs);
  for (const path of skipped) progress.log(`skipped ${path}: not a format Hearth reads`);
  if (files.length === 0) throw new CliError('NOTHING_TO_PACK', 'No PDF, Word, HTML, Markdown or text files were found in what you named.');

  let model: EmbedderModel | null = null;
  let embedder = NO_EMBEDDER;
  if (options.embedder !== 'none') {
    model = findEmbedder(options.catalog, options.embedder);
    progress.log(`loading the embedding model ${model.id}…`);
    embedder = await loadNodeEmbedder(model, options.modelBase);
  }

  const entries: LibraryEntry[] = [];
  const failed: PackSummary['failed'] = [];
  const signal = new AbortController().signal;
  for (const [n, file] of files.entries()) {
    const label = (what: string) => `${n + 1}/${files.length} ${file.name}: ${what}`;
    progress.update(label('reading'), n, files.length);
    try {
      const bytes = new Uint8Array(await readFile(file.path));
      const mimeType = formatForName(file.name)?.mimeTypes[0] ?? '';
      const input = { id: `doc${n}`, name: file.name, mimeType, bytes, contentHash: await sha256Hex(bytes) };
      const built = await buildDocument(input, embedder, (e) => {
        if (e.kind === 'progress') progress.update(label(`${e.stage === 'embedding' && !model ? 'indexing' : e.stage} ${e.done}/${e.total}`), n + (e.total > 0 ? e.done / e.total : 0), files.length);
      }, signal);
      entries.push({ doc: built.doc, chunks: built.chunks, original: options.originals ? bytes : null });
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'INTERNAL';
      const message = error instanceof Error ? error.message : String(error);
      failed.push({ file: file.path, code, message });
      progress.log(`could not add ${file.path}: ${message} [${code}]`);
    }
  }
  progress.update('writing the pack', files.length, files.length);
  progress.done();
  if (entries.length === 0) throw new CliError('NOTHING_TO_PACK', 'None of the files could be read, so no pack was written.');

  const bytes = await writePack(packContentsOf(entries, model, 'hearth command'));
  const out = resolve(options.out);
  const temporary = `${out}.partial-${process.pid}`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, out);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return {
    documents: entries.length,
    pages: entries.reduce((n, e) => n + (e.doc.pageCount ?? 0), 0),
    chunks: entries.reduce((n, e) => n + e.chunks.length, 0),
    bytes: bytes.byteLength,
    seconds: (performance.now() - started) / 1000,
    failed,
  };
}
