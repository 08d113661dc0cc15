/** How a knowledge pack file is recognised (its format is in workers/pack/format.ts). */
export const PACK_EXTENSION = '.hearth';
export const PACK_MIME = 'application/vnd.hearth.pack+zip';

export function isPackFile(name: string): boolean {
  return name.toLowerCase().endsWith(PACK_EXTENSION);
}

/** A file name for a pack exported today, e.g. "hearth-library-2026-12-01.hearth". */
export function packFileName(now = new Date()): string {
  return `hearth-library-${now.toISOString().slice(0, 10)}${PACK_EXTENSION}`;
}
