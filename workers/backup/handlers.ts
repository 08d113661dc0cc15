/**
 * The backup requests as a worker serves them, each one call with its dependencies passed in, so
 * any worker that owns the library (retrieval.worker.ts today) can serve them with one line each.
 */
import { PACK_MIME } from '../../src/lib/pack-file';
import type { LibraryEntry } from '../pack/from-library';
import { exportBackup, type ExportDeps } from './export';
import type { BackupExportResult, BackupRequest, BackupRestoreResult } from './messages';
import { restoreBackup, type RestoreDeps } from './restore';

export async function handleExportBackup(request: BackupRequest, deps: ExportDeps): Promise<BackupExportResult> {
  const { bytes, documents, conversations } = await exportBackup(request, deps);
  return { backup: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: PACK_MIME }), documents, conversations };
}

/** `stored` is what was added: the caller adds it to its search index, as after a pack import. */
export function handleRestoreBackup({ file }: { file: File }, deps: RestoreDeps): Promise<BackupRestoreResult & { stored: LibraryEntry[] }> {
  return restoreBackup(file, deps);
}
