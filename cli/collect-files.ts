/** The files `hearth pack` reads: the files named, and every readable file inside the folders named. */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { formatForName } from '../src/lib/ingest/formats';
import { CliError } from './cli-error';

export interface CollectedFile {
  path: string;
  /** The file name as added, without folders (what search results call `doc`). */
  name: string;
}

export async function collectFiles(inputs: readonly string[]): Promise<{ files: CollectedFile[]; skipped: string[] }> {
  const files: CollectedFile[] = [];
  const skipped: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && formatForName(entry.name)) files.push({ path, name: entry.name });
      else if (entry.isFile()) skipped.push(path);
    }
  };
  for (const input of inputs) {
    const path = resolve(input);
    const info = await stat(path).catch(() => null);
    if (!info) throw new CliError('INPUT_NOT_FOUND', `“${input}” does not exist. Name files or folders that exist.`);
    if (info.isDirectory()) await walk(path);
    else if (formatForName(path)) files.push({ path, name: basename(path) });
    else skipped.push(path);
  }
  return { files, skipped };
}
