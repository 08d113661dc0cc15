/**
 * Serves a folder as a model mirror in Hugging Face layout ({repo}/resolve/{revision}/{path}), the
 * way an organization would self-host models for Hearth: CORS and Cross-Origin-Resource-Policy so a
 * cross-origin-isolated app may fetch from it, byte ranges for resumable downloads, and optional
 * extra folders mounted at a prefix (e.g. catalogs). Several --root folders overlay: the first that has
 * a file serves it.
 *
 *   npx tsx scripts/serve-mirror.ts --root .models/mirror [--root more] --port 4180 [--mount /catalogs=e2e/fixtures/catalogs]
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    root: { type: 'string', multiple: true, default: ['.models/mirror'] },
    port: { type: 'string', default: '4180' },
    host: { type: 'string', default: '127.0.0.1' },
    mount: { type: 'string', multiple: true, default: [] },
  },
});

const mounts: [prefix: string, dir: string][] = [
  ...values.mount.map((m): [string, string] => {
    const [prefix = '', dir = ''] = m.split('=');
    return [prefix.endsWith('/') ? prefix : `${prefix}/`, resolve(dir)];
  }),
  ...values.root.map((dir): [string, string] => ['/', resolve(dir)]),
];

const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.gguf': 'application/octet-stream',
  '.bin': 'application/octet-stream',
};

function fileFor(urlPath: string): string | null {
  const path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  let fallback: string | null = null;
  for (const [prefix, dir] of mounts) {
    if (!path.startsWith(prefix)) continue;
    const full = normalize(join(dir, path.slice(prefix.length)));
    if (full !== dir && !full.startsWith(dir + sep)) return null; // no escaping the folder
    if (existsSync(full)) return full;
    fallback ??= full;
  }
  return fallback;
}

function headers(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'Range, Content-Type');
  res.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range, Accept-Ranges, ETag');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('Accept-Ranges', 'bytes');
}

const server = createServer((req, res) => {
  headers(res);
  if (req.method === 'OPTIONS') return void res.writeHead(204).end();
  const file = fileFor(req.url ?? '/');
  let size = -1;
  let mtime = 0;
  try {
    const st = file ? statSync(file) : null;
    if (st?.isFile()) {
      size = st.size;
      mtime = st.mtimeMs;
    }
  } catch {
    size = -1;
  }
  if (!file || size < 0) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
  res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
  res.setHeader('ETag', `"${size}-${Math.round(mtime)}"`);
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  let start = 0;
  let end = size - 1;
  if (range) {
    start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start > end || start >= size) {
      return void res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
    }
    res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
  } else {
    res.writeHead(200, { 'Content-Length': size });
  }
  if (req.method === 'HEAD' || size === 0) return void res.end();
  createReadStream(file, { start, end }).pipe(res);
});

server.listen(Number(values.port), values.host, () => {
  console.log(`Model mirror serving ${mounts.map(([p, d]) => `${p} → ${d}`).join(', ')} at http://${values.host}:${values.port}/`);
});
