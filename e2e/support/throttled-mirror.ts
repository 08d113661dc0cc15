/**
 * A model mirror for one spec, with the layout of scripts/serve-mirror.ts, on a port the system picks
 * (or a given one): it can be taken down, slow GGUF bodies down (so a 1.2 MB download lasts long enough for a second window to meet
 * it), records the Range header of every GGUF request, and serves extra files from memory (a catalog
 * made by the test) and from extra folders (a model made by the test).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const ROOTS = ['.models/mirror', 'e2e/fixtures/mirror'].map((r) => resolve(r));

export class ThrottledMirror {
  bytesPerSecond = Number.POSITIVE_INFINITY;
  /** Range header ('' for none) of every GGUF GET, in order. */
  ggufRanges: string[] = [];
  /** Path → body of files served from memory. */
  readonly extra = new Map<string, string>();
  /** Taken down: every connection is dropped, as an unreachable host would. */
  down = false;
  #server: Server;

  /** @param extraRoots more folders in the mirror's layout (files a spec made), looked in first. */
  constructor(extraRoots: readonly string[] = []) {
    const roots = [...extraRoots.map((r) => resolve(r)), ...ROOTS];
    this.#server = createServer((req, res) => {
      if (this.down) return void req.socket.destroy();
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'Range, Content-Type');
      res.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range, Accept-Ranges, ETag');
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      res.setHeader('Accept-Ranges', 'bytes');
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
      const inMemory = this.extra.get(path);
      if (inMemory !== undefined) return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(inMemory);
      const file = roots.map((r) => [r, normalize(join(r, path))] as const)
        .filter(([root, f]) => f.startsWith(root + sep) && existsSync(f) && statSync(f).isFile())
        .map(([, f]) => f)[0];
      if (!file) return void res.writeHead(404).end('Not found');
      const size = statSync(file).size;
      const isGguf = extname(file) === '.gguf';
      if (isGguf && req.method === 'GET') this.ggufRanges.push(req.headers.range ?? '');
      res.setHeader('ETag', `"${size}-${Math.round(statSync(file).mtimeMs)}"`);
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const start = range ? Number(range[1]) : 0;
      if (start >= size && size > 0) return void res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      res.writeHead(range ? 206 : 200, { 'Content-Length': size - start, ...(range ? { 'Content-Range': `bytes ${start}-${size - 1}/${size}` } : {}) });
      if (req.method === 'HEAD') return void res.end();
      const stream = createReadStream(file, { start, highWaterMark: 16 * 1024 });
      if (!isGguf || !Number.isFinite(this.bytesPerSecond)) return void stream.pipe(res);
      // Throttled: one 16 KB chunk, then a pause as long as that chunk takes at the set speed.
      stream.on('data', (chunk) => {
        stream.pause();
        res.write(chunk);
        setTimeout(() => stream.resume(), (chunk.length / this.bytesPerSecond) * 1000);
      });
      stream.on('end', () => res.end());
      res.on('close', () => stream.destroy());
    });
  }

  /** Base URL, with a trailing slash, once started. */
  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/`;
  }

  /** On `port`, or one the system picks. */
  start(port = 0): Promise<void> {
    return new Promise((ok) => this.#server.listen(port, '127.0.0.1', () => ok()));
  }

  stop(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((ok) => this.#server.close(() => ok()));
  }
}
