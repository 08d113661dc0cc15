import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ENTRY } from '../pack/format';
import { packContentsOf } from '../pack/from-library';
import { readPack } from '../pack/read';
import { writePack } from '../pack/write';
import { exportBackup } from './export';
import { BACKUP_ENTRY, BACKUP_VERSION } from './format';
import { MemoryLibrary } from './memory-library';
import { readBackup } from './read';
import { fillLibrary, json, MODEL, MODELS, ORIGINAL, resign, rezip, SETTINGS } from './test-fixtures';

async function backupOf(lib: MemoryLibrary): Promise<Uint8Array> {
  const deps = { embedder: MODEL, documents: lib.documents, originals: lib.originals, store: lib.store, createdBy: 'test' };
  return (await exportBackup({ settings: SETTINGS, models: MODELS }, deps)).bytes;
}

async function library(): Promise<MemoryLibrary> {
  const lib = new MemoryLibrary();
  await fillLibrary(lib);
  return lib;
}

describe('backup format', () => {
  it('round-trips documents, passages, vectors, originals, ids, conversations, settings and model names', async () => {
    const lib = await library();
    const backup = await readBackup(await backupOf(lib), 'b.hearth');
    expect(backup.pack.documents.map((d) => d.name)).toEqual(['pump.pdf', 'valve.pdf']);
    expect(backup.library).toEqual([{ id: 'doc-pump', addedAt: 1000 }, { id: 'doc-valve', addedAt: 2000 }]);
    expect(backup.pack.chunks.map((c) => c.text)).toEqual(['Prime the pump before use.', 'Check the seals monthly.', 'Close the valve slowly.']);
    expect([...(backup.pack.vectors ?? [])]).toEqual([...lib.chunks.values()].flatMap((c) => [...c.vector]));
    expect([...backup.pack.originals.values()]).toEqual([ORIGINAL]);
    expect(backup.conversations).toEqual(await lib.store.conversations());
    expect(backup.models).toEqual(MODELS);
    expect(backup.pack.manifest.embedder?.id).toBe('tiny');
  });

  it('keeps the settings but none of their secrets', async () => {
    const bytes = await backupOf(await library());
    const stored = JSON.stringify(json(rezipped(bytes)[BACKUP_ENTRY.settings]));
    expect(stored).not.toMatch(/hunter2|kim|token|abc/);
    const { settings } = await readBackup(bytes, 'b.hearth');
    expect(settings).toEqual({ ...SETTINGS, catalogUrl: 'https://models.example.org/catalog.json' });
  });

  it('says in its manifest that it is a backup, with its version and counts', async () => {
    const manifest = json(rezipped(await backupOf(await library()))[ENTRY.manifest]) as Record<string, unknown>;
    expect(manifest).toMatchObject({ format: 'hearth-pack', kind: 'backup', backup: { version: BACKUP_VERSION, counts: { conversations: 2, messages: 4 }, models: MODELS } });
    expect(Object.keys(manifest.entries as object)).toEqual(expect.arrayContaining([BACKUP_ENTRY.library, BACKUP_ENTRY.conversations, BACKUP_ENTRY.settings]));
  });

  it('refuses a backup with a flipped byte, naming the entry that fails its checksum', async () => {
    const bytes = rezip(await backupOf(await library()), (files) => {
      const body = files[BACKUP_ENTRY.conversations] as Uint8Array;
      body[10] = (body[10] as number) ^ 1;
    });
    await expect(readBackup(bytes, 'b.hearth')).rejects.toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringContaining('fails its checksum (conversations.json)') });
  });

  it('refuses a backup whose manifest gives a wrong checksum', async () => {
    const bytes = rezip(await backupOf(await library()), (files) =>
      resign(files, null, (m) => ((m.entries[BACKUP_ENTRY.settings] as { sha256: string }).sha256 = '0'.repeat(64))),
    );
    await expect(readBackup(bytes, 'b.hearth')).rejects.toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringContaining('settings.json') });
  });

  it('refuses a backup with an entry missing, listed or not', async () => {
    const gone = rezip(await backupOf(await library()), (files) => delete files[BACKUP_ENTRY.conversations]);
    await expect(readBackup(gone, 'b.hearth')).rejects.toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringContaining('is missing conversations.json') });
    const unlisted = rezip(await backupOf(await library()), (files) => {
      delete files[BACKUP_ENTRY.library];
      resign(files, null, (m) => delete m.entries[BACKUP_ENTRY.library]);
    });
    await expect(readBackup(unlisted, 'b.hearth')).rejects.toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringContaining('has no library.json') });
  });

  it('refuses entries that break their schema or disagree with the counts', async () => {
    const base = await backupOf(await library());
    const badRole = rezip(base, (files) => {
      const convs = json(files[BACKUP_ENTRY.conversations]) as { messages: { role: string }[] }[];
      (convs[0]?.messages[0] as { role: string }).role = 'system';
      files[BACKUP_ENTRY.conversations] = strToU8(JSON.stringify(convs));
      resign(files, BACKUP_ENTRY.conversations);
    });
    await expect(readBackup(badRole, 'b.hearth')).rejects.toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringContaining('malformed conversations.json') });
    const miscounted = rezip(base, (files) => resign(files, null, (m) => ((m.backup as { counts: { conversations: number } }).counts.conversations = 3)));
    await expect(readBackup(miscounted, 'b.hearth')).rejects.toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringContaining('counts') });
    const shortLibrary = rezip(base, (files) => {
      files[BACKUP_ENTRY.library] = strToU8(JSON.stringify([{ id: 'doc-pump', addedAt: 1 }]));
      resign(files, BACKUP_ENTRY.library);
    });
    await expect(readBackup(shortLibrary, 'b.hearth')).rejects.toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringContaining('library.json') });
  });

  it('refuses a newer backup version, a plain pack and a file that is no zip, each with its own code', async () => {
    const base = await backupOf(await library());
    const newer = rezip(base, (files) => resign(files, null, (m) => ((m.backup as { version: number }).version = BACKUP_VERSION + 1)));
    await expect(readBackup(newer, 'b.hearth')).rejects.toMatchObject({ code: 'BACKUP_VERSION_UNSUPPORTED' });
    const lib = await library();
    const pack = await writePack(packContentsOf([{ doc: await lib.documents.get('doc-valve'), chunks: await lib.documents.chunksOf('doc-valve') }], MODEL, 'test'));
    await expect(readBackup(pack, 'kb.hearth')).rejects.toMatchObject({ code: 'BACKUP_NOT_A_BACKUP' });
    await expect(readBackup(strToU8('hello'), 'notes.hearth')).rejects.toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringContaining('is not a Hearth backup') });
  });

  it('leaves plain packs as they were: read as packs, refused with pack codes; a backup reads as a pack of its documents', async () => {
    const lib = await library();
    const entries = [{ doc: await lib.documents.get('doc-valve'), chunks: await lib.documents.chunksOf('doc-valve') }];
    const pack = await readPack(await writePack(packContentsOf(entries, MODEL, 'test')), 'kb.hearth');
    expect(pack.documents.map((d) => d.name)).toEqual(['valve.pdf']);
    expect(Object.keys(pack.manifest)).not.toContain('kind');
    await expect(readPack(strToU8('hello'), 'notes.hearth')).rejects.toMatchObject({ code: 'PACK_DAMAGED', message: expect.stringContaining('is not a Hearth knowledge pack') });
    const asPack = await readPack(await backupOf(lib), 'b.hearth');
    expect(asPack.documents.map((d) => d.name)).toEqual(['pump.pdf', 'valve.pdf']);
  });

  it('refuses to back up an empty library', async () => {
    await expect(backupOf(new MemoryLibrary())).rejects.toMatchObject({ code: 'BACKUP_EMPTY' });
  });
});

function rezipped(bytes: Uint8Array): Record<string, Uint8Array> {
  let out: Record<string, Uint8Array> = {};
  rezip(bytes, (files) => (out = files));
  return out;
}
