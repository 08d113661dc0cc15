/**
 * Where GGUF models live: one OPFS folder holding, per model, `<id>.gguf` (complete and size-checked),
 * `<id>.gguf.partial` (being downloaded) and `<id>.json` (where the bytes came from). Only a file under
 * its final name whose size matches its record is ever offered as ready. Worker-only (sync handles).
 */
import type { PartialRecord } from './range';
import { fileIn, isNotFound, removeIn, writeWholeFile } from '../opfs-file';

const DIR = 'hearth-models';
/** wllama's own download cache, used before Hearth had its downloader; cleared by "Delete all". */
const LEGACY_WLLAMA_DIR = 'cache';

export interface GgufRecord extends PartialRecord {
  modelId: string;
}

export interface StoredGguf {
  modelId: string;
  state: 'partial' | 'complete';
  /** Bytes on disk (of the partial or the complete file). */
  bytes: number;
  totalBytes: number | null;
}

/** A `move` the TypeScript DOM types do not list yet (Chromium has it for OPFS files). */
type MovableHandle = FileSystemFileHandle & { move?: (name: string) => Promise<void> };

export async function modelsDir(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(DIR, { create: true });
}

/** File names of one model (ids are `[\w.-]+` in the catalog; anything else is replaced). */
export function namesOf(modelId: string): { final: string; partial: string; record: string } {
  const stem = modelId.replace(/[^\w.-]/g, '_');
  return { final: `${stem}.gguf`, partial: `${stem}.gguf.partial`, record: `${stem}.json` };
}

function toRecord(parsed: Partial<GgufRecord>): GgufRecord | null {
  if (typeof parsed.url !== 'string' || typeof parsed.modelId !== 'string') return null;
  return {
    modelId: parsed.modelId,
    url: parsed.url,
    etag: typeof parsed.etag === 'string' ? parsed.etag : null,
    totalBytes: typeof parsed.totalBytes === 'number' ? parsed.totalBytes : null,
  };
}

export async function readRecord(dir: FileSystemDirectoryHandle, modelId: string): Promise<GgufRecord | null> {
  const handle = await fileIn(dir, namesOf(modelId).record);
  if (!handle) return null;
  try {
    return toRecord(JSON.parse(await (await handle.getFile()).text()) as Partial<GgufRecord>);
  } catch {
    return null; // a torn record: the partial cannot be trusted, the download starts over
  }
}

export async function writeRecord(dir: FileSystemDirectoryHandle, record: GgufRecord): Promise<void> {
  await writeWholeFile(dir, namesOf(record.modelId).record, new TextEncoder().encode(JSON.stringify(record)));
}

/** Size of the partial file (0 when there is none). */
export async function partialSize(dir: FileSystemDirectoryHandle, modelId: string): Promise<number> {
  const handle = await fileIn(dir, namesOf(modelId).partial);
  return handle ? (await handle.getFile()).size : 0;
}

/**
 * The complete model file, or null. A final file whose size disagrees with its record is not offered.
 * @param known the model's record when the caller has already read it (null: there is none).
 */
export async function completeFile(dir: FileSystemDirectoryHandle, modelId: string, known?: GgufRecord | null): Promise<File | null> {
  const handle = await fileIn(dir, namesOf(modelId).final);
  if (!handle) return null;
  const file = await handle.getFile();
  const record = known === undefined ? await readRecord(dir, modelId) : known;
  if (file.size === 0 || (record?.totalBytes != null && record.totalBytes !== file.size)) return null;
  return file;
}

/** Give the finished partial file its final name; the record stays as the size to check against. */
export async function promotePartial(dir: FileSystemDirectoryHandle, modelId: string): Promise<File> {
  const names = namesOf(modelId);
  const partial = (await dir.getFileHandle(names.partial)) as MovableHandle;
  await removeIn(dir, names.final);
  if (typeof partial.move === 'function') {
    await partial.move(names.final);
  } else {
    // Without move(): copy, then drop the partial (needs the space twice for a moment).
    const target = await (await dir.getFileHandle(names.final, { create: true })).createWritable();
    await (await partial.getFile()).stream().pipeTo(target);
    await removeIn(dir, names.partial);
  }
  const file = await completeFile(dir, modelId);
  if (!file) throw new Error(`${names.final} does not have the size its record says`);
  return file;
}

/** Delete every file of one model (complete, partial, record). */
export async function removeModelFiles(dir: FileSystemDirectoryHandle, modelId: string): Promise<void> {
  const names = namesOf(modelId);
  await removeIn(dir, names.final);
  await removeIn(dir, names.partial);
  await removeIn(dir, names.record);
}

/** Delete the whole folder, and wllama's old cache folder. */
export async function removeAllModelFiles(): Promise<void> {
  const root = await navigator.storage.getDirectory();
  for (const name of [DIR, LEGACY_WLLAMA_DIR]) {
    try {
      await root.removeEntry(name, { recursive: true });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

/** Every model with bytes in the folder, by the model ids in their records. */
export async function listStoredGguf(dir: FileSystemDirectoryHandle): Promise<StoredGguf[]> {
  const names: string[] = [];
  for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
  const out: StoredGguf[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const handle = await fileIn(dir, name);
    if (!handle) continue;
    let parsed: Partial<GgufRecord>;
    try {
      parsed = JSON.parse(await (await handle.getFile()).text()) as Partial<GgufRecord>;
    } catch {
      continue;
    }
    const modelId = typeof parsed.modelId === 'string' ? parsed.modelId : '';
    if (!modelId) continue;
    // Read once: the record file is this file (names are derived from the model id).
    const record = toRecord(parsed);
    const complete = await completeFile(dir, modelId, record);
    if (complete) {
      out.push({ modelId, state: 'complete', bytes: complete.size, totalBytes: complete.size });
      continue;
    }
    const bytes = await partialSize(dir, modelId);
    if (bytes > 0) out.push({ modelId, state: 'partial', bytes, totalBytes: record?.totalBytes ?? null });
  }
  return out;
}
