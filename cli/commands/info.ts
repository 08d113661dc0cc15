/** `hearth info KB.hearth`: what a pack holds (documents, pages, passages, embedder, size). */
import { stat } from 'node:fs/promises';
import { formatBytes } from '../../src/lib/models/format';
import type { Pack } from '../../workers/pack/format';

export interface PackInfo {
  file: string;
  bytes: number;
  version: number;
  createdAt: string;
  createdBy: string;
  embedder: Pack['manifest']['embedder'];
  vectors: Pack['manifest']['vectors'];
  documents: { name: string; format: string; pages: number | null; chunks: number; original: boolean; title: string | null }[];
  totals: { documents: number; pages: number; chunks: number; originals: number };
}

export async function packInfo(path: string, pack: Pack): Promise<PackInfo> {
  const { manifest } = pack;
  return {
    file: path,
    bytes: (await stat(path)).size,
    version: manifest.version,
    createdAt: manifest.createdAt,
    createdBy: manifest.createdBy,
    embedder: manifest.embedder,
    vectors: manifest.vectors,
    documents: pack.documents.map((d) => ({ name: d.name, format: d.format, pages: d.pageCount ?? null, chunks: d.chunkCount, original: !!d.original, title: d.title ?? null })),
    totals: { ...manifest.counts, originals: pack.documents.filter((d) => d.original).length },
  };
}

export function formatInfo(info: PackInfo): string {
  const e = info.embedder;
  const lines = [
    `${info.file}: Hearth knowledge pack, format ${info.version}, ${formatBytes(info.bytes)}`,
    `made ${info.createdAt} by ${info.createdBy}`,
    e ? `embedder: ${e.id} (${e.repo}, revision ${e.revision}), ${e.dimensions} dimensions, vectors as ${info.vectors?.encoding ?? 'none'}` : 'embedder: none (BM25 only: the app embeds the passages when it imports the pack)',
    `${info.totals.documents} documents, ${info.totals.pages} pages, ${info.totals.chunks} passages, ${info.totals.originals} originals included`,
    '',
    ...info.documents.map((d) => `  ${d.name}  ${d.format}${d.pages !== null ? `, ${d.pages} pages` : ''}, ${d.chunks} passages${d.original ? ', original' : ''}${d.title ? `  “${d.title}”` : ''}`),
  ];
  return lines.join('\n');
}
