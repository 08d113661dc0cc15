/**
 * The pill on a model's row in the Models dialog. "in use" only when the model is really loaded and
 * answering; the chosen model that is not (yet) says whether it is downloaded, so nobody takes a
 * model that still has to download for one that is ready.
 */
export type RowStatus = 'inUse' | 'loading' | 'downloading' | 'chosenDownloaded' | 'chosenNotDownloaded';

export interface RowFacts {
  /** Answers come from this model (the person's choice or the recommendation). */
  chosen: boolean;
  /** The model state's status, when this is the chosen model. */
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** A download of this model is under way (from the manager or the model's own load). */
  downloading: boolean;
  /** What is stored of it: 'complete', 'partial' or 'none'. */
  stored: 'complete' | 'partial' | 'none';
}

export function rowStatus(facts: RowFacts): RowStatus | null {
  if (facts.downloading) return 'downloading';
  if (!facts.chosen) return null;
  if (facts.status === 'ready') return 'inUse';
  if (facts.status === 'loading') return facts.stored === 'complete' ? 'loading' : 'downloading';
  return facts.stored === 'complete' ? 'chosenDownloaded' : 'chosenNotDownloaded';
}
