/** What one buildable model (a "target") looks like to the runner, and what it is given. */
import type { FileRef, Mirror } from './mirror.ts';

export interface BuildContext {
  mirror: Mirror;
  /** The shared folder beside the project (../shared), or null where it is absent. */
  sharedDir: string | null;
  log(message: string): void;
}

export interface Target {
  /** Stable id, also accepted by --only. */
  id: string;
  /** Other names --only accepts for this target (e.g. "twins"). */
  groups: readonly string[];
  repo: string;
  outputs: readonly FileRef[];
  /** Why it cannot be made here; the runner then skips it without failing. */
  unavailable?(ctx: BuildContext): string | null;
  /** A fingerprint of everything the output bytes depend on; a change forces a rebuild. */
  recipe(ctx: BuildContext): Promise<string> | string;
  build(ctx: BuildContext): Promise<void>;
  /** Reads the written files back; returns problems (empty when they match the published shapes). */
  check(ctx: BuildContext): Promise<string[]> | string[];
}
