/**
 * The model catalog for the `hearth` command: the shipped models.json (or another file) read from
 * disk and validated exactly as the app validates it (src/lib/catalog/load.ts), and models looked up
 * by id.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCatalog } from '../src/lib/catalog/load';
import type { Catalog, EmbedderModel } from '../src/lib/catalog/types';
import { appError } from '../src/lib/errors';

/** The catalog the app ships (models.json at the top of the project). */
export const SHIPPED_CATALOG = fileURLToPath(new URL('../models.json', import.meta.url));

/**
 * Reads and validates a catalog file.
 * @throws CatalogError CATALOG_UNREACHABLE when it cannot be read, CATALOG_INVALID when it is not a valid catalog.
 */
export function readCatalogFile(path: string = SHIPPED_CATALOG): Catalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw appError('CATALOG_UNREACHABLE', { message: `The model catalog ${path} could not be read.`, detail: String(cause), cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw appError('CATALOG_INVALID', { detail: `${path}: not JSON: ${String(cause)}`, cause });
  }
  return parseCatalog(json);
}

/**
 * The embedder with this id (`catalog.defaults.embedder` when `id` is absent).
 * @throws ModelError MODEL_NOT_IN_CATALOG naming the embedders the catalog has.
 */
export function findEmbedder(catalog: Catalog, id: string = catalog.defaults.embedder): EmbedderModel {
  const model = catalog.models.find((m) => m.id === id);
  if (model?.kind === 'embedder') return model;
  const known = catalog.models.filter((m) => m.kind === 'embedder').map((m) => m.id);
  throw appError('MODEL_NOT_IN_CATALOG', {
    message: `“${id}” is not ${model ? 'an embedding model' : 'in the model catalog'}. Embedding models: ${known.join(', ')}.`,
    detail: id,
  });
}
