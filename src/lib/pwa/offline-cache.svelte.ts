/**
 * Whether Hearth could save itself for offline use. The service worker is registered before the app
 * state exists (main.ts), so this state is one module-level object that register.ts feeds and the
 * notice reads.
 */
import { appError, type AppError } from '../errors';
import type { OfflineCacheProblem } from './cache-space';

const CODE_BY_PROBLEM = { space: 'OFFLINE_CACHE_FULL', failed: 'OFFLINE_CACHE_FAILED' } as const;

export class OfflineCacheState {
  /** Why the app is not saved for offline use, or null while nothing went wrong. */
  problem = $state.raw<AppError | null>(null);

  failed(problem: OfflineCacheProblem): void {
    this.problem = appError(CODE_BY_PROBLEM[problem]);
  }

  dismiss(): void {
    this.problem = null;
  }
}

export const offlineCache = new OfflineCacheState();
