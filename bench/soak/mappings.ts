/**
 * Where a process's resident memory is, by mapping (Linux /proc/<pid>/smaps): which mapping grows
 * says what grows. A WebAssembly memory is one mapping as large as the memory has grown (its
 * reservation beyond that is a separate, inaccessible one), and its resident part only ever rises,
 * since WebAssembly cannot give pages back; V8's and Blink's heaps are many small mappings.
 */
import { readFileSync } from 'node:fs';

export interface Mapping {
  /** Start address (hex): stable for the mapping's life, so samples of one run compare by it. */
  start: string;
  sizeBytes: number;
  rssBytes: number;
  /** The mapped file, or '' for anonymous memory. */
  file: string;
}

/** The `count` mappings with the most resident memory, or [] where smaps cannot be read. */
export function largestMappings(pid: number, count: number): Mapping[] {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return [];
  }
  const all: Mapping[] = [];
  let current: Mapping | null = null;
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      current = { start: head[1] as string, sizeBytes: parseInt(head[2] as string, 16) - parseInt(head[1] as string, 16), rssBytes: 0, file: head[3] ?? '' };
      all.push(current);
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && current) current.rssBytes = Number(rss[1]) * 1024;
  }
  return all.sort((a, b) => b.rssBytes - a.rssBytes).slice(0, count);
}

export interface MappingGrowth extends Mapping {
  grewBytes: number;
}

/** Mappings of `after` by how much their resident memory grew since `before` (new ones count whole). */
export function mappingGrowth(before: readonly Mapping[], after: readonly Mapping[]): MappingGrowth[] {
  const was = new Map(before.map((m) => [m.start, m.rssBytes]));
  return after.map((m) => ({ ...m, grewBytes: m.rssBytes - (was.get(m.start) ?? 0) })).sort((a, b) => b.grewBytes - a.grewBytes);
}
