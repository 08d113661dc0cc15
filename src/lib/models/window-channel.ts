/**
 * Messages between the Hearth windows of this browser (a BroadcastChannel, which never reaches the
 * sender itself). One message so far: "let go of these models", sent when the user moves the language
 * model from another window to theirs. Windows only: each page unloads through its own LLM worker.
 */
const CHANNEL = 'hearth-models';

interface ReleaseModels {
  kind: 'release-models';
  modelIds: string[];
}

function isReleaseModels(data: unknown): data is ReleaseModels {
  const message = data as Partial<ReleaseModels> | null;
  return message?.kind === 'release-models' && Array.isArray(message.modelIds) && message.modelIds.every((id) => typeof id === 'string');
}

function channel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
}

/** Ask every other Hearth window to unload these models. */
export function requestRelease(modelIds: string[]): void {
  const ch = channel();
  if (!ch) return;
  ch.postMessage({ kind: 'release-models', modelIds } satisfies ReleaseModels);
  ch.close();
}

/** Listen for other windows asking this one to let go of models; returns the function that stops. */
export function onReleaseRequest(handler: (modelIds: string[]) => void): () => void {
  const ch = channel();
  if (!ch) return () => {};
  ch.onmessage = (event: MessageEvent<unknown>) => {
    if (isReleaseModels(event.data)) handler(event.data.modelIds);
  };
  return () => ch.close();
}
