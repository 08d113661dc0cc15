/**
 * Files dragged over the window: `active` while they are over it, so the page can show where they
 * go. Drag events fire for every element entered and left, so a depth count tells when the files
 * really left the window.
 */
function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

export class FileDrag {
  active = $state(false);
  #depth = 0;

  enter(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    this.#depth++;
    this.active = true;
  }

  leave(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    this.#depth = Math.max(0, this.#depth - 1);
    if (this.#depth === 0) this.active = false;
  }

  end(): void {
    this.#depth = 0;
    this.active = false;
  }
}
