/**
 * The output folder, laid out like the Hugging Face hub (`<owner>/<repo>/resolve/main/<path>`) so it
 * can be served as a model mirror, plus a manifest beside it (not inside it, so it is never served)
 * recording each file's size, sha256 and the recipe that made it, which is what makes reruns skip.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface FileRef {
  repo: string;
  path: string;
}

export interface ManifestEntry {
  size: number;
  sha256: string;
  recipe: string;
}

export function sha256Bytes(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export class Mirror {
  readonly manifestPath: string;
  private manifest: Record<string, ManifestEntry>;

  constructor(readonly root: string) {
    this.manifestPath = join(dirname(root), `${basename(root)}.manifest.json`);
    this.manifest = existsSync(this.manifestPath) ? JSON.parse(readFileSync(this.manifestPath, 'utf8')) : {};
  }

  /** Absolute path of a repo file, creating its folder. */
  file(ref: FileRef): string {
    const path = join(this.root, ref.repo, 'resolve', 'main', ref.path);
    mkdirSync(dirname(path), { recursive: true });
    return path;
  }

  /** Writes bytes via a temporary name, so an interrupted run never leaves a plausible-looking file. */
  write(ref: FileRef, bytes: Uint8Array | string): string {
    const path = this.file(ref);
    writeFileSync(`${path}.partial`, bytes);
    renameSync(`${path}.partial`, path);
    return path;
  }

  /** True when the file exists with the size and sha256 recorded for this recipe. */
  async isCurrent(ref: FileRef, recipe: string): Promise<boolean> {
    const entry = this.manifest[this.key(ref)];
    const path = this.file(ref);
    if (!entry || entry.recipe !== recipe || !existsSync(path) || statSync(path).size !== entry.size) return false;
    return (await sha256File(path)) === entry.sha256;
  }

  /** Records a file as made by `recipe` (hashing it) and saves the manifest. */
  async record(ref: FileRef, recipe: string): Promise<ManifestEntry> {
    const path = this.file(ref);
    const entry = { size: statSync(path).size, sha256: await sha256File(path), recipe };
    this.manifest[this.key(ref)] = entry;
    writeFileSync(this.manifestPath, `${JSON.stringify(this.manifest, null, 2)}\n`);
    return entry;
  }

  /** The recorded entry of a file, if any. */
  entry(ref: FileRef): ManifestEntry | undefined {
    return this.manifest[this.key(ref)];
  }

  private key(ref: FileRef): string {
    return `${ref.repo}/${ref.path}`;
  }
}
