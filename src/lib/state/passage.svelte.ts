/** The passage a citation chip opened, shown beside the conversation. */
import type { SourceRef } from '../storage/schema';

export class PassageState {
  open = $state<SourceRef | null>(null);

  show(source: SourceRef): void {
    this.open = source;
  }

  close(): void {
    this.open = null;
  }
}
