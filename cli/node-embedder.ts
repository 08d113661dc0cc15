/**
 * The browser's Embedder (workers/retrieval/embedder.ts) loaded in Node for the `hearth` command:
 * same tokenizer, prefixes, pooling and normalization, on onnxruntime-node, from a hub URL or a
 * local folder in Hugging Face layout (see model-hub-node.ts).
 */
import type { EmbedderModel } from '../src/lib/catalog/types';
import { AppError, appError } from '../src/lib/errors';
import type { LoadProgress } from '../workers/retrieval.protocol';
import { Embedder, type ModelHub } from '../workers/retrieval/embedder';
import { configureNodeModelHub, type NodeHubOptions, type ModelSource } from './model-hub-node';

/**
 * Loads `model` from `modelBase`: an http(s) URL (downloads cached on disk) or a folder.
 * Not safe to call concurrently with another load: transformers.js' `env` is global.
 * @throws AppError MODEL_FILE_NOT_FOUND (naming the model and the folder or URL tried),
 *   MODEL_DOWNLOAD_FAILED or MODEL_LOAD_FAILED.
 */
export async function loadNodeEmbedder(
  model: EmbedderModel,
  modelBase: string,
  onProgress?: (p: LoadProgress) => void,
  options: NodeHubOptions = {},
): Promise<Embedder> {
  let source: ModelSource | undefined;
  const hub: ModelHub = (base, record) => {
    const { source: resolved, ...setup } = configureNodeModelHub(base, record, options);
    source = resolved;
    return setup;
  };
  let embedder: Embedder;
  try {
    embedder = await Embedder.load(model, modelBase, onProgress ?? (() => {}), hub);
  } catch (error) {
    throw explain(error, model, source);
  }
  // transformers.js loads no tokenizer, silently, when tokenizer_config.json is missing: say so now,
  // not at the first countTokens.
  try {
    embedder.countTokens('');
  } catch (error) {
    const missing = appError('MODEL_FILE_NOT_FOUND', { detail: `no tokenizer (tokenizer.json, tokenizer_config.json): ${String(error)}`, cause: error });
    throw explain(missing, model, source);
  }
  return embedder;
}

/** The app's coded errors, with messages that say what the command tried (not "Settings"). */
function explain(error: unknown, model: EmbedderModel, source: ModelSource | undefined): AppError {
  if (!(error instanceof AppError)) return appError('MODEL_LOAD_FAILED', { detail: String(error), cause: error });
  if (!source) return error; // the hub itself refused the base (no such folder, unknown scheme): already says so
  const where = source.kind === 'dir'
    ? `the folder ${source.dir}`
    : `${source.url} (cached in ${source.cacheDir})`;
  const what = `the embedding model “${model.name}” (${model.repo}, revision ${model.revision}, ${model.dtype})`;
  const layout = `${model.repo}/resolve/${model.revision}/`;
  const detail = error.detail ?? error.message;
  switch (error.code) {
    case 'MODEL_FILE_NOT_FOUND':
      return appError('MODEL_FILE_NOT_FOUND', {
        message: `A file of ${what} could not be found in ${where}; it should be under ${layout} there. ` +
          'Pass --model-base-url with a hub URL or a folder in that layout.',
        detail,
        cause: error,
      });
    case 'MODEL_DOWNLOAD_FAILED':
      return appError('MODEL_DOWNLOAD_FAILED', {
        message: `Downloading ${what} from ${where} failed. Check the connection or the address, or pass --model-base-url with a local folder.`,
        detail,
        cause: error,
      });
    case 'MODEL_LOAD_FAILED':
      return appError('MODEL_LOAD_FAILED', {
        message: `${what[0]!.toUpperCase()}${what.slice(1)} from ${where} could not be loaded.`,
        detail,
        cause: error,
      });
    default:
      return error;
  }
}
