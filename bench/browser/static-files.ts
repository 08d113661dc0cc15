/**
 * A connect middleware serving a folder under a URL prefix, the way a model mirror does: HEAD,
 * byte ranges, ETag, and Cross-Origin-Resource-Policy so a cross-origin-isolated page may load it.
 * A missing file is a real 404 (never an HTML fallback).
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = { '.json': 'application/json', '.wasm': 'application/wasm', '.txt': 'text/plain' };

export function staticFiles(prefix: string, folder: string) {
  const dir = resolve(folder);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (!path.startsWith(prefix)) return next();
    const file = normalize(join(dir, path.slice(prefix.length)));
    if (file !== dir && !file.startsWith(dir + sep)) return void res.writeHead(403).end();
    let size = -1;
    let mtime = 0;
    try {
      const st = statSync(file);
      if (st.isFile()) [size, mtime] = [st.size, st.mtimeMs];
    } catch {
      size = -1;
    }
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    if (size < 0) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('ETag', `"${size}-${Math.round(mtime)}"`);
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    let [start, end] = [0, size - 1];
    if (range) {
      start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
      end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start > end) return void res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
    } else {
      res.writeHead(200, { 'Content-Length': size });
    }
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file, { start, end }).pipe(res);
  };
}
