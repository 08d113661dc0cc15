/**
 * Dense and hybrid retrieval quality on SciFact (Node, transformers.js on onnxruntime-node), through
 * the app's own VectorIndex, Bm25Index and hybridSearch. The embedder is whatever the mirror holds at
 * Xenova/all-MiniLM-L6-v2: when that is the project's random-weight twin (known checksum), the run is
 * a plumbing check — it must give identical rankings twice and not crash, and its scores mean
 * nothing; with the real model's files in place the same code reports real quality figures.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import { analyze } from '../../src/lib/core/analyzer';
import { hybridSearch } from '../../src/lib/core/retrieve';
import { VectorIndex } from '../../src/lib/core/vector';
import { serveDirectory } from '../../scripts/models/static-server';
import { figure } from '../figure';
import { hasBeir, loadBeir } from '../retrieval/beir';
import { analyzeCorpus, buildIndex, documentText, scoreRankings } from '../retrieval/evaluate';
import { TUNED } from '../retrieval/quality';
import { skip, type Suite } from '../suite';

const NAME = 'dense-quality';
const REPO = 'Xenova/all-MiniLM-L6-v2';
/** sha256 of the twin's model_quantized.onnx as scripts/make-models.ts writes it (deterministic). */
const TWIN_Q8_SHA256 = '2b79c107a396d0f4ac41d27f435ccf9cf581d2ed0f390797b916dcb4cd1a951b';
const BATCH = 32;
const CORPUS_SIZE = 1000;

export const denseQualitySuite: Suite = {
  name: NAME,
  runtime: 'node',
  title: 'dense and hybrid nDCG@10 on SciFact through the app\'s indexes (plumbing check with the twin, real figures with the real embedder)',
  async run(ctx) {
    const dataDir = join(ctx.sharedDir, 'datasets', 'scifact');
    if (!hasBeir(dataDir, 'test')) skip(`SciFact not found at ${dataDir}`);
    const mirror = join(ctx.root, '.models', 'mirror');
    const modelFile = join(mirror, REPO, 'resolve', 'main', 'onnx', 'model_quantized.onnx');
    if (!existsSync(modelFile)) skip(`no embedder at ${modelFile} (npm run models -- --only twins)`);
    const isTwin = createHash('sha256').update(readFileSync(modelFile)).digest('hex') === TWIN_Q8_SHA256;
    const label = isTwin ? ' [plumbing check: random-weight twin, score meaningless]' : '';

    // Embedding all 5,183 abstracts on 2 CPU cores takes longer than the whole bench may: every judged
    // abstract plus the first others up to CORPUS_SIZE (the same subset on every run).
    const full = loadBeir(dataDir, 'test');
    const size = ctx.quick ? 300 : CORPUS_SIZE;
    const judged = new Set([...full.qrels.values()].flatMap((m) => [...m.keys()]));
    const corpus = [...full.corpus.filter((d) => judged.has(d.id)), ...full.corpus.filter((d) => !judged.has(d.id))].slice(0, size);
    const data = { ...full, corpus, queries: ctx.quick ? full.queries.slice(0, 20) : full.queries };
    const server = await serveDirectory(mirror);
    try {
      env.allowLocalModels = false;
      env.allowRemoteModels = true;
      env.remoteHost = server.url;
      env.remotePathTemplate = '{model}/resolve/{revision}/';
      // transformers.js in Node reads remote ONNX files through its file cache.
      env.useFSCache = true;
      env.cacheDir = mkdtempSync(join(tmpdir(), 'hearth-dense-quality-'));
      const extract = await pipeline('feature-extraction', REPO, { dtype: 'q8' });
      const embed = async (texts: string[]): Promise<Float32Array[]> => {
        const out: Float32Array[] = [];
        for (let i = 0; i < texts.length; i += BATCH) {
          const t = await extract(texts.slice(i, i + BATCH), { pooling: 'mean', normalize: true });
          const dims = t.dims[1] ?? 384;
          const flat = t.data as Float32Array;
          for (let j = 0; j * dims < flat.length; j++) out.push(flat.slice(j * dims, (j + 1) * dims));
        }
        return out;
      };
      const started = performance.now();
      const docVectors = await embed(data.corpus.map((d) => documentText(d, 1)));
      const embedSeconds = (performance.now() - started) / 1000;
      ctx.log(`  embedded ${data.corpus.length} abstracts in ${embedSeconds.toFixed(1)} s`);
      const vectors = new VectorIndex(docVectors[0]?.length ?? 384);
      data.corpus.forEach((d, i) => vectors.add(d.id, docVectors[i] as Float32Array));
      const bm25 = buildIndex(data, analyzeCorpus(data, analyze, TUNED.titleRepeat), TUNED, analyze);

      const runOnce = async () => {
        const queryVectors = new Map((await embed(data.queries.map((q) => q.text))).map((v, i) => [data.queries[i]?.text ?? '', v]));
        const rankings: string[][] = [];
        const rank = (mode: 'dense' | 'hybrid') => (text: string) => {
          const qv = queryVectors.get(text) ?? null;
          const hits = mode === 'dense' && qv ? vectors.search(qv, 100) : hybridSearch({ bm25, vectors, queryText: text, queryVector: qv, k: 100 });
          const ids = hits.map((h) => h.id);
          rankings.push(ids);
          return ids;
        };
        return { dense: scoreRankings(data, rank('dense')), hybrid: scoreRankings(data, rank('hybrid')), rankings };
      };
      const first = await runOnce();
      const second = await runOnce();
      const identical = JSON.stringify(first.rankings) === JSON.stringify(second.rankings);
      if (!identical) throw new Error('dense/hybrid rankings differ between two runs on the same data');
      return {
        figures: [
          figure(NAME, { name: `SciFact nDCG@10, dense (MiniLM q8)${label}`, unit: 'score', samples: [first.dense.ndcg10], better: 'higher' }),
          figure(NAME, {
            name: `SciFact nDCG@10, hybrid (BM25 + dense, RRF)${label}`,
            unit: 'score',
            samples: [first.hybrid.ndcg10],
            better: 'higher',
            baseline: { name: 'Anserini BM25 (flat)', value: 0.679, kind: 'reference' },
          }),
          figure(NAME, { name: `SciFact recall@100, hybrid${label}`, unit: 'score', samples: [first.hybrid.recall100], better: 'higher' }),
        ],
        notes: [
          `${data.corpus.length} of ${full.corpus.length} abstracts (all judged ones first), ${data.queries.length} test queries; corpus embedded in ${embedSeconds.toFixed(1)} s (onnxruntime-node)`,
          `the same rankings on two runs: ${identical ? 'yes' : 'no'}; ${isTwin ? 'the embedder is the random-weight twin, so these scores check the plumbing only' : 'the embedder is not the twin: real figures'}`,
          'fusion: reciprocal rank fusion, k 60, equal weights (tuning them on the train split needs a real embedder, which these machines cannot download)',
        ],
      };
    } finally {
      await server.close();
      if (env.cacheDir) rmSync(env.cacheDir, { recursive: true, force: true });
    }
  },
};
