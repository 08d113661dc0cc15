/**
 * Dense and hybrid retrieval quality on SciFact (Node, transformers.js on onnxruntime-node), through
 * the app's own VectorIndex, Bm25Index and hybridSearch. The embedder is whatever the mirror holds at
 * Xenova/all-MiniLM-L6-v2: when that is the project's random-weight twin (known checksum), the run is
 * a plumbing check — it must give identical rankings twice and not crash, and its scores mean
 * nothing; with the real model's files in place the same code reports real quality figures.
 * Fusion settings are chosen on the TRAIN split (bench/retrieval/fusion-tune.ts) and reported on test
 * beside the app's default (equal-weight RRF).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import { analyze } from '../../src/lib/core/analyzer';
import { hybridSearch, type FusionOptions } from '../../src/lib/core/retrieve';
import { VectorIndex } from '../../src/lib/core/vector';
import { serveDirectory } from '../../scripts/models/static-server';
import { figure } from '../figure';
import { hasBeir, loadBeir, type BeirData } from '../retrieval/beir';
import { APP_FUSION, describeFusion, tuneFusion } from '../retrieval/fusion-tune';
import { analyzeCorpus, buildIndex, documentText, scoreRankings } from '../retrieval/evaluate';
import { TUNED } from '../retrieval/quality';
import { skip, type Suite } from '../suite';

const NAME = 'dense-quality';
const REPO = 'Xenova/all-MiniLM-L6-v2';
/** sha256 of the twin's model_quantized.onnx as scripts/make-models.ts writes it (deterministic). */
const TWIN_Q8_SHA256 = '2b79c107a396d0f4ac41d27f435ccf9cf581d2ed0f390797b916dcb4cd1a951b';
const BATCH = 32;
const CORPUS_SIZE = 1500;

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

    // Embedding all 5,183 abstracts on 2 CPU cores takes longer than the whole bench may: every abstract
    // judged for a train or test query, then the first others up to CORPUS_SIZE (the same subset each run).
    const full = loadBeir(dataDir, 'test');
    const train = hasBeir(dataDir, 'train') ? loadBeir(dataDir, 'train') : null;
    const size = ctx.quick ? 300 : CORPUS_SIZE;
    const judged = new Set([...full.qrels.values(), ...(train?.qrels.values() ?? [])].flatMap((m) => [...m.keys()]));
    const corpus = [...full.corpus.filter((d) => judged.has(d.id)), ...full.corpus.filter((d) => !judged.has(d.id))].slice(0, Math.max(size, ctx.quick ? 0 : judged.size));
    const data = { ...full, corpus, queries: ctx.quick ? full.queries.slice(0, 20) : full.queries };
    const trainData: BeirData | null = train && { ...train, corpus, queries: ctx.quick ? train.queries.slice(0, 20) : train.queries };
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

      const queryVectors = new Map<string, Float32Array>();
      const embedQueries = async (texts: string[]) => (await embed(texts)).forEach((v, i) => queryVectors.set(texts[i] ?? '', v));
      const hybrid = (ranked: string[][] | null, fusion: FusionOptions) => (text: string) => {
        const ids = hybridSearch({ bm25, vectors, queryText: text, queryVector: queryVectors.get(text) ?? null, k: 100, fusion }).map((h) => h.id);
        ranked?.push(ids);
        return ids;
      };

      // Fusion tuned on train only.
      let tuned: { best: FusionOptions; bestScore: number } | null = null;
      if (trainData) {
        await embedQueries(trainData.queries.map((q) => q.text));
        tuned = tuneFusion((fusion) => scoreRankings(trainData, hybrid(null, fusion)).ndcg10);
        ctx.log(`  fusion tuned on train (${trainData.queries.length} queries): ${describeFusion(tuned.best)}, nDCG@10 ${tuned.bestScore.toFixed(3)}`);
      }

      const runOnce = async () => {
        queryVectors.clear();
        await embedQueries(data.queries.map((q) => q.text));
        const rankings: string[][] = [];
        const dense = scoreRankings(data, (text) => {
          const qv = queryVectors.get(text);
          const ids = qv ? vectors.search(qv, 100).map((h) => h.id) : [];
          rankings.push(ids);
          return ids;
        });
        return { dense, hybrid: scoreRankings(data, hybrid(rankings, APP_FUSION)), rankings };
      };
      const first = await runOnce();
      const second = await runOnce();
      const identical = JSON.stringify(first.rankings) === JSON.stringify(second.rankings);
      if (!identical) throw new Error('dense/hybrid rankings differ between two runs on the same data');
      const tunedOnTest = tuned ? scoreRankings(data, hybrid(null, tuned.best)) : null;
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
          ...(tuned && tunedOnTest
            ? [
                figure(NAME, {
                  name: `SciFact nDCG@10, hybrid, fusion tuned on train (${describeFusion(tuned.best)})${label}`,
                  unit: 'score',
                  samples: [tunedOnTest.ndcg10],
                  better: 'higher',
                  baseline: { name: `app default (${describeFusion(APP_FUSION)})`, value: first.hybrid.ndcg10, kind: 'measured' },
                }),
              ]
            : []),
        ],
        notes: [
          `${data.corpus.length} of ${full.corpus.length} abstracts (all judged ones first), ${data.queries.length} test queries; corpus embedded in ${embedSeconds.toFixed(1)} s (onnxruntime-node)`,
          `the same rankings on two runs (checked above); ${isTwin ? 'the embedder is the random-weight twin, so these scores check the plumbing only' : 'the embedder is not the twin: real figures'}`,
          tuned
            ? `fusion: the app uses ${describeFusion(APP_FUSION)}; the grid (bench/retrieval/fusion-tune.ts) chose ${describeFusion(tuned.best)} on the train split (nDCG@10 ${tuned.bestScore.toFixed(3)})${isTwin ? ', which with the twin only shows that noise vectors get tuned away: the app keeps its default until this runs with the real embedder' : ''}`
            : 'fusion: no SciFact train split found, so no tuning',
        ],
      };
    } finally {
      await server.close();
      if (env.cacheDir) rmSync(env.cacheDir, { recursive: true, force: true });
    }
  },
};
