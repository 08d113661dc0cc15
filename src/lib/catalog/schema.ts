/**
 * The valibot schema of models.json. It mirrors `types.ts` field for field (a compile-time check at
 * the bottom fails the build when they drift) and adds the checks a type cannot express: ids unique,
 * defaults that exist and have the right kind, f16 models that declare `shader-f16`.
 */
import * as v from 'valibot';
import type { Catalog } from './types';

const nonEmpty = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'));
const positive = v.pipe(v.number(), v.finite(), v.gtValue(0, 'must be greater than 0'));
const positiveInt = v.pipe(v.number(), v.integer('must be a whole number'), v.gtValue(0, 'must be greater than 0'));
const httpUrl = v.pipe(
  v.string(),
  v.url('must be an absolute URL'),
  // (v.url already reported a string that is not a URL at all)
  v.check((s) => !URL.canParse(s) || /^https?:$/.test(new URL(s).protocol), 'must be an http(s) URL'),
);
/** "owner/name", the layout Hugging Face and its mirrors share. */
const repo = v.pipe(v.string(), v.regex(/^[\w.-]+\/[\w.-]+$/, 'must look like "owner/name"'));
/** A file path inside a repo: relative, no "..", no empty segments. */
const repoPath = v.pipe(
  v.string(),
  v.check(
    (s) => s.length > 0 && !s.startsWith('/') && s.split('/').every((seg) => seg !== '' && seg !== '..' && seg !== '.'),
    'must be a relative path inside the repository',
  ),
);

const base = {
  id: v.pipe(v.string(), v.regex(/^[\w.-]+$/, 'may only contain letters, digits, ".", "_" and "-"')),
  name: nonEmpty,
  repo,
  revision: nonEmpty,
  quantization: nonEmpty,
  downloadSizeMB: positive,
  memoryMB: positive,
  contextLength: positiveInt,
  requiredFeatures: v.array(nonEmpty),
  license: nonEmpty,
  sourceUrl: httpUrl,
  paramsM: v.optional(positive),
  quality: v.optional(v.record(nonEmpty, v.pipe(v.number(), v.finite()))),
  languages: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/, 'must be a two- or three-letter language code such as "en"'))), v.minLength(1))),
  hidden: v.optional(v.boolean()),
  rank: v.optional(v.pipe(v.number(), v.finite())),
};

const llm = {
  kind: v.literal('llm'),
  thinking: v.optional(v.picklist(['enable_thinking', 'none'])),
};

const webLlmModel = v.strictObject({
  ...base,
  ...llm,
  engine: v.literal('webllm'),
  modelLib: v.pipe(repoPath, v.endsWith('.wasm', 'must name a .wasm file')),
  lowResource: v.boolean(),
});

const wllamaModel = v.strictObject({
  ...base,
  ...llm,
  engine: v.literal('wllama'),
  file: v.pipe(repoPath, v.endsWith('.gguf', 'must name a .gguf file')),
});

const onnxLlmModel = v.strictObject({
  ...base,
  ...llm,
  engine: v.literal('transformers'),
  dtype: v.picklist(['q4', 'q8']),
  externalData: v.optional(v.boolean()),
});

const embedderModel = v.strictObject({
  ...base,
  kind: v.literal('embedder'),
  engine: v.literal('transformers'),
  dimensions: positiveInt,
  pooling: v.picklist(['mean', 'cls']),
  normalize: v.boolean(),
  dtype: nonEmpty,
  // fp32 only: the same file must also run on WASM, for questions (see types.ts).
  gpuDtype: v.optional(v.literal('fp32')),
  queryPrefix: v.string(),
  passagePrefix: v.string(),
  mtebRetrieval: v.optional(v.pipe(v.number(), v.finite())),
});

const rerankerModel = v.strictObject({
  ...base,
  kind: v.literal('reranker'),
  engine: v.literal('transformers'),
  dtype: nonEmpty,
});

/** Discriminated first on `kind`, then (for LLMs) on `engine`, so an issue names the right fields. */
export const ModelRecordSchema = v.variant('kind', [
  v.variant('engine', [webLlmModel, wllamaModel, onnxLlmModel]),
  embedderModel,
  rerankerModel,
]);

export const CatalogShapeSchema = v.strictObject({
  version: v.literal(1),
  modelBaseUrl: httpUrl,
  libBaseUrl: httpUrl,
  defaults: v.strictObject({ llm: nonEmpty, llmWasm: nonEmpty, embedder: nonEmpty }),
  models: v.pipe(v.array(ModelRecordSchema), v.minLength(1, 'must list at least one model')),
});

/** A rule broken across records, with the path of the field to fix. */
export interface CrossIssue {
  path: string;
  message: string;
}

/** Checks that need the whole catalog. Returns every problem found, in catalog order. */
export function crossCheck(catalog: Catalog): CrossIssue[] {
  const issues: CrossIssue[] = [];
  const seen = new Map<string, number>();
  catalog.models.forEach((model, i) => {
    const first = seen.get(model.id);
    if (first !== undefined) {
      issues.push({ path: `models[${i}].id`, message: `duplicate id "${model.id}" (also models[${first}])` });
    } else {
      seen.set(model.id, i);
    }
    if (model.engine === 'webllm' && /f16/.test(model.quantization) && !model.requiredFeatures.includes('shader-f16')) {
      issues.push({
        path: `models[${i}].requiredFeatures`,
        message: `"${model.id}" is an f16 model (${model.quantization}) and must list "shader-f16"`,
      });
    }
  });

  const byId = new Map(catalog.models.map((m) => [m.id, m]));
  const expect = (key: keyof Catalog['defaults'], ok: (m: Catalog['models'][number]) => boolean, what: string) => {
    const id = catalog.defaults[key];
    const model = byId.get(id);
    if (!model) issues.push({ path: `defaults.${key}`, message: `"${id}" is not a model in the catalog` });
    else if (!ok(model)) issues.push({ path: `defaults.${key}`, message: `"${id}" is ${model.kind === 'llm' ? 'an' : 'a'} ${model.kind} (${model.engine}), expected ${what}` });
  };
  expect('llm', (m) => m.kind === 'llm', 'an llm');
  expect('llmWasm', (m) => m.kind === 'llm' && m.engine === 'wllama', 'an llm for the wllama engine');
  expect('embedder', (m) => m.kind === 'embedder', 'an embedder');
  return issues;
}

// Compile-time guard: the schema's output type must be exactly `Catalog`.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesTypes: Equal<v.InferOutput<typeof CatalogShapeSchema>, Catalog> = true;
void schemaMatchesTypes;
