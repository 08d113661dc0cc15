/**
 * What the app is in the middle of, that reloading the page would interrupt: an answer being
 * written, documents being added, a download, an import or a backup. Pure: the states are passed in.
 */

export type RunningJob = 'answer' | 'documents' | 'transfer';

export interface JobSources {
  chat: { busy: boolean };
  queue: { busy: boolean };
  packs: { busy: unknown };
  backup: { busy: unknown };
  reembed: { status: string };
  downloads: Record<string, unknown>;
  importing: unknown;
}

/** The job a reload would interrupt, the most visible first, or null when the app is idle. */
export function runningJob(s: JobSources): RunningJob | null {
  if (s.chat.busy) return 'answer';
  if (s.queue.busy || s.reembed.status === 'running' || s.packs.busy) return 'documents';
  if (s.backup.busy || s.importing || Object.keys(s.downloads).length > 0) return 'transfer';
  return null;
}
