/**
 * What a first visit downloads before the app works offline: the service worker's precache
 * manifest, read from the built worker script, sized from the build folder and grouped by what the
 * files are for (runtimes, pdf.js data, app code), with which groups could wait until needed.
 */

export interface PrecacheEntry {
  url: string;
  revision: string | null;
}

export interface SizedEntry {
  url: string;
  bytes: number;
  /** The file gzipped (what it costs over a compressing server), when measured. */
  gzipBytes?: number;
  /** For a JS chunk: the npm package most of its code comes from (from its source map), or null. */
  mainPackage?: string | null;
}

export interface PrecacheGroup {
  group: string;
  files: number;
  bytes: number;
  gzipBytes: number;
  /** The largest files of the group, largest first. */
  largest: { url: string; bytes: number }[];
  /** Whether and how a first visit could do without it (null: needed for the app to work offline). */
  deferrable: string | null;
}

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const VALUE = String.raw`(?:${STRING}|null)`;
const KEY = String.raw`"?(url|revision)"?\s*:\s*(${VALUE})`;
// Both shapes Workbox writes: generateSW's `{url:"a",revision:"b"}` and injectManifest's JSON `{"revision":"b","url":"a"}`.
const ENTRY = new RegExp(String.raw`\{\s*${KEY}\s*,\s*${KEY}\s*\}`, 'g');

/** The precache entries inlined in a built service worker (Workbox generateSW or injectManifest output). */
export function parsePrecacheManifest(swSource: string): PrecacheEntry[] {
  const entries: PrecacheEntry[] = [];
  const seen = new Set<string>();
  for (const m of swSource.matchAll(ENTRY)) {
    const fields = new Map([
      [m[1], m[2]],
      [m[3], m[4]],
    ]);
    const url = fields.get('url');
    if (!url || url === 'null' || !fields.has('revision')) continue;
    const revision = fields.get('revision') as string;
    const entry = { url: JSON.parse(url) as string, revision: revision === 'null' ? null : (JSON.parse(revision) as string) };
    if (seen.has(entry.url)) continue;
    seen.add(entry.url);
    entries.push(entry);
  }
  return entries;
}

/** The path of a precache URL inside the build folder ("./assets/a.js", "/assets/a.js?x" → "assets/a.js"). */
export function buildPath(url: string): string {
  return url.replace(/[?#].*$/u, '').replace(/^(\.\/|\/)+/u, '');
}

const PACKAGE_GROUPS: Record<string, string> = {
  '@mlc-ai/web-llm': 'web-llm (WebGPU LLM) JS',
  '@wllama/wllama': 'llama.cpp (wllama) JS',
  'pdfjs-dist': 'pdf.js JS',
  mammoth: 'DOCX reader (mammoth) JS',
  jszip: 'DOCX reader (mammoth) JS',
  htmlparser2: 'HTML reader (htmlparser2) JS',
  '@huggingface/transformers': 'transformers.js + ONNX Runtime JS',
  'onnxruntime-web': 'transformers.js + ONNX Runtime JS',
};

const DEFERRABLE: Record<string, string> = {
  'llama.cpp (wllama) WASM': 'only for the CPU language model (no WebGPU, or a GGUF model chosen): cache when that model is first downloaded',
  'llama.cpp (wllama) JS': 'with its WASM, when a GGUF model is first used',
  'web-llm (WebGPU LLM) JS': 'only on devices with WebGPU that pick a web-llm model: cache with that model',
  'pdf.js CMaps': 'only for PDFs with CJK fonts that lack embedded CMaps: runtime-cache on first use',
  'pdf.js standard fonts': 'only for PDFs that reference non-embedded standard fonts: runtime-cache on first use',
  'DOCX reader (mammoth) JS': 'only when a .docx is added: runtime-cache on first use (or keep: small)',
  'source maps': 'never needed by users: exclude from the precache',
};

/** Which group a precached file belongs to. */
export function groupOf(entry: SizedEntry): string {
  const path = buildPath(entry.url);
  const name = path.split('/').pop() ?? path;
  if (path.startsWith('pdfjs/cmaps/')) return 'pdf.js CMaps';
  if (path.startsWith('pdfjs/standard_fonts/')) return 'pdf.js standard fonts';
  if (/^ort-wasm.*\.(wasm|mjs)$/u.test(name)) return 'ONNX Runtime WASM (+ its loader)';
  if (/\.wasm$/u.test(name)) return /wllama/u.test(name) ? 'llama.cpp (wllama) WASM' : 'other WASM';
  if (/\.map$/u.test(name)) return 'source maps';
  if (/\.(m?js)$/u.test(name)) {
    if (/^(sw|workbox-[\w-]+)\.js$/u.test(path)) return 'service worker';
    const pkg = entry.mainPackage ? PACKAGE_GROUPS[entry.mainPackage] : undefined;
    return pkg ?? 'app JS (page and workers)';
  }
  if (/\.css$/u.test(name)) return 'app shell (HTML, CSS, manifest, icons)';
  if (/\.(html|webmanifest|svg|png|ico)$/u.test(name)) return 'app shell (HTML, CSS, manifest, icons)';
  return 'other';
}

/**
 * Chunk files emitted more than once under the same name stem and within 2 % of each other's size
 * (e.g. `docx-A.js` and `docx-B.js`): the same code bundled separately into two workers.
 */
export function duplicatedChunks(entries: readonly SizedEntry[]): { stem: string; copies: number; bytes: number }[] {
  const byStem = new Map<string, SizedEntry[]>();
  for (const e of entries) {
    const m = /^assets\/(.+)-[\w-]{8}\.(m?js)$/u.exec(buildPath(e.url));
    if (!m) continue;
    const stem = `${m[1]}.${m[2]}`;
    byStem.set(stem, [...(byStem.get(stem) ?? []), e]);
  }
  const out: { stem: string; copies: number; bytes: number }[] = [];
  for (const [stem, list] of byStem) {
    const sizes = list.map((e) => e.bytes).sort((a, b) => a - b);
    let run: number[] = [];
    const flush = () => {
      if (run.length > 1) out.push({ stem, copies: run.length, bytes: run.reduce((s, b) => s + b, 0) });
      run = [];
    };
    for (const size of sizes) {
      if (run.length && size > (run[0] as number) * 1.02) flush();
      run.push(size);
    }
    flush();
  }
  return out.sort((a, b) => b.bytes - a.bytes);
}

/** The entries summed per group, largest group first. */
export function groupPrecache(entries: readonly SizedEntry[], largestPerGroup = 3): PrecacheGroup[] {
  const groups = new Map<string, SizedEntry[]>();
  for (const e of entries) {
    const g = groupOf(e);
    groups.set(g, [...(groups.get(g) ?? []), e]);
  }
  return [...groups.entries()]
    .map(([group, list]) => ({
      group,
      files: list.length,
      bytes: list.reduce((s, e) => s + e.bytes, 0),
      gzipBytes: list.reduce((s, e) => s + (e.gzipBytes ?? 0), 0),
      largest: [...list]
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, largestPerGroup)
        .map((e) => ({ url: buildPath(e.url), bytes: e.bytes })),
      deferrable: DEFERRABLE[group] ?? null,
    }))
    .sort((a, b) => b.bytes - a.bytes);
}
