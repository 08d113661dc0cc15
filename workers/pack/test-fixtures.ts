/** Test fixtures shared by the pack and backup tests: a 4-dimensional embedder record and a fake embedder for it. */
import type { EmbedderModel } from '../../src/lib/catalog/types';
import type { PassageEmbedder } from '../retrieval/ingest';

export const DIMS = 4;

export const MODEL = {
  id: 'tiny', name: 'tiny', kind: 'embedder', engine: 'transformers', repo: 'test/tiny', revision: 'main', quantization: 'fp32',
  downloadSizeMB: 1, memoryMB: 1, contextLength: 128, requiredFeatures: [], license: 'mit', sourceUrl: '', dimensions: DIMS,
  pooling: 'mean', normalize: true, dtype: 'fp32', queryPrefix: '', passagePrefix: '',
} as EmbedderModel;

/** An embedder that gives every passage [0, 0, 1, 0], counting its calls. */
export function fakeEmbedder(id: string): PassageEmbedder & { calls: number } {
  const e = {
    calls: 0,
    model: { ...MODEL, id },
    maxTokens: 128,
    countTokens: (t: string) => t.length,
    async embed(texts: string[]) {
      e.calls += texts.length;
      return texts.map(() => Float32Array.from([0, 0, 1, 0]));
    },
  };
  return e;
}
