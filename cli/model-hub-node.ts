/**
 * The Node counterpart of workers/retrieval/model-hub.ts: configures transformers.js' global `env`
 * for the `hearth` command, so the shared Embedder runs on onnxruntime-node ('cpu').
 *
 * A model base is either
 *   - an http(s) URL of a hub in Hugging Face layout (`{base}/{repo}/resolve/{revision}/{file}`):
 *     files are downloaded once into a cache folder on disk (`HEARTH_CACHE_DIR`, default
 *     ~/.cache/hearth/models), one subfolder per base, so a second run works offline; or
 *   - a local folder (a path or a file: URL) in the same layout, e.g. `.models/mirror`: read in place,
 *     nothing is fetched, copied or cached.
 *
 * How the folder is read: transformers.js loads a model either by repo id (from `env.remoteHost`, or
 * from `env.localModelPath/{repo}/{file}` — without `resolve/{revision}/`, so not this layout) or
 * from a folder path passed in place of the id. A model "id" that is not a valid repo id (an absolute
 * path has more than one slash) is used as it is, joined with the file name (hub.js
 * `buildResourcePaths`), which is why a relative `X/resolve/main` was looked up relative to the working
 * directory. So the hub hands the Embedder `modelId` = the absolute revision folder
 * `{dir}/{repo}/resolve/{revision}` and sets `allowLocalModels` (and not `allowRemoteModels`, so
 * nothing is fetched); transformers.js' file-existence checks (e.g. whether a tokenizer is there) then
 * look in that folder too, which a folder passed as `remoteHost` would not get (those checks only
 * probe http(s) addresses).
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env } from '@huggingface/transformers';
import { appError } from '../src/lib/errors';
import type { EmbedderModel } from '../src/lib/catalog/types';
import type { ModelHub, ModelHubSetup } from '../workers/retrieval/embedder';

/** The path template of the hub layout, the same as the browser's. */
const PATH_TEMPLATE = '{model}/resolve/{revision}/';

/** Where downloaded model files are kept: `HEARTH_CACHE_DIR`, or ~/.cache/hearth/models. */
export function modelCacheRoot(environment: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = environment.HEARTH_CACHE_DIR?.trim();
  return fromEnv ? resolve(fromEnv) : join(homedir(), '.cache', 'hearth', 'models');
}

export type ModelSource =
  /** `url` ends with "/"; `cacheDir` is this base's own folder under the cache root. */
  | { kind: 'url'; url: string; cacheDir: string }
  /** `dir` is absolute. */
  | { kind: 'dir'; dir: string };

/**
 * What a `--model-base-url` value means: an http(s) URL, or else a local folder (a path, relative to
 * `cwd`, or a file: URL).
 * @throws AppError MODEL_LOAD_FAILED for another URL scheme (ftp:, …).
 */
export function resolveModelSource(base: string, options: { cwd?: string; cacheRoot?: string } = {}): ModelSource {
  const value = base.trim();
  if (/^https?:\/\//i.test(value)) {
    const url = new URL(value);
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    url.search = '';
    url.hash = '';
    return { kind: 'url', url: url.href, cacheDir: join(options.cacheRoot ?? modelCacheRoot(), cacheFolderOf(url)) };
  }
  if (/^file:/i.test(value)) return { kind: 'dir', dir: fileURLToPath(value) };
  // A scheme other than http(s)/file (but not a Windows drive letter such as C:\).
  if (/^[a-z][a-z\d+.-]+:\/\//i.test(value)) {
    throw appError('MODEL_LOAD_FAILED', {
      message: `The model source “${value}” is neither an http(s) URL nor a folder.`,
      detail: value,
    });
  }
  return { kind: 'dir', dir: isAbsolute(value) ? resolve(value) : resolve(options.cwd ?? process.cwd(), value) };
}

/** `https://huggingface.co/` → `huggingface.co`; `http://127.0.0.1:4180/hub/` → `127.0.0.1_4180/hub`. */
function cacheFolderOf(url: URL): string {
  const segments = [url.host, ...url.pathname.split('/').filter(Boolean).map(decodeURIComponent)];
  return join(...segments.map((s) => s.replace(/[^\w.-]/g, '_').replace(/^\.+$/, '_')));
}

/** A sensible ONNX Runtime thread count for a batch job: every core the process may use, at most 8. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

export interface NodeHubOptions {
  /** ONNX Runtime intra-op threads; `defaultThreads()` when absent. */
  threads?: number;
  /** Root of the download cache; `modelCacheRoot()` when absent. */
  cacheRoot?: string;
  cwd?: string;
}

/**
 * Sets transformers.js' `env` for `base` (see the module comment) and returns the device, threads
 * and session options to load with.
 * @throws AppError MODEL_FILE_NOT_FOUND when `base` is a folder that does not exist.
 */
export function configureNodeModelHub(
  base: string,
  model: Pick<EmbedderModel, 'repo' | 'revision'>,
  options: NodeHubOptions = {},
): ModelHubSetup & { source: ModelSource } {
  const source = resolveModelSource(base, options);
  env.useBrowserCache = false;
  env.useCustomCache = false;
  env.remotePathTemplate = PATH_TEMPLATE;
  if (source.kind === 'url') {
    env.allowLocalModels = false; // never look in transformers.js' own models/ folder
    env.allowRemoteModels = true;
    env.remoteHost = source.url;
    env.useFS = true;
    // transformers.js' file cache: keys `{repo}/{file}` (`{repo}/{revision}/{file}` off main), written
    // via a temporary name; one folder per base so a mirror's files never stand in for another's.
    env.useFSCache = true;
    env.cacheDir = source.cacheDir;
  } else {
    if (!existsSync(source.dir) || !statSync(source.dir).isDirectory()) {
      throw appError('MODEL_FILE_NOT_FOUND', {
        message: `The model folder ${source.dir} does not exist. Pass --model-base-url with a folder in Hugging Face layout ({repo}/resolve/{revision}/…) or an http(s) URL.`,
        detail: source.dir,
      });
    }
    env.allowLocalModels = true; // read `modelId`, a folder path, in place
    env.allowRemoteModels = false;
    env.useFS = true;
    env.useFSCache = false; // nothing to cache
  }
  const threads = Math.max(1, Math.floor(options.threads ?? defaultThreads()));
  return {
    device: 'cpu',
    threads,
    sessionOptions: { intraOpNumThreads: threads, interOpNumThreads: 1 },
    ...(source.kind === 'dir' ? { modelId: revisionFolder(source.dir, model) } : {}),
    source,
  };
}

/** `{dir}/{repo}/resolve/{revision}`, where a folder in hub layout keeps one revision of a repo. */
export function revisionFolder(dir: string, model: Pick<EmbedderModel, 'repo' | 'revision'>): string {
  return join(dir, ...model.repo.split('/'), 'resolve', model.revision);
}

/** `configureNodeModelHub` as the `ModelHub` that `Embedder.load` takes. */
export function nodeModelHub(options: NodeHubOptions = {}): ModelHub {
  return (base, model) => {
    const { source: _source, ...setup } = configureNodeModelHub(base, model, options);
    return setup;
  };
}
