/**
 * transformers.js in Node, reading models from a local test server in the hub's layout
 * ({model}/resolve/{revision}/…), as the browser reads them from a mirror. In Node, transformers.js
 * hands onnxruntime-node a file path, so downloads go to a file cache in `cacheDir`.
 */
import { env } from '@huggingface/transformers';

export function useNodeHub(serverUrl: string, cacheDir: string): void {
  env.allowLocalModels = false;
  env.allowRemoteModels = true;
  env.remoteHost = serverUrl;
  env.remotePathTemplate = '{model}/resolve/{revision}/';
  env.useFSCache = true;
  env.cacheDir = cacheDir;
}
