/**
 * Appending a byte stream to a model's partial file in OPFS through a sync access handle (the fast
 * path in a worker). Shared by downloads and imports; callers decide what a failure means.
 */
import { namesOf } from './opfs-models';

const PROGRESS_EVERY_MS = 100;

/**
 * Write `stream` into `<id>.gguf.partial` from byte `start` (truncating there first).
 * @returns the file's length after the last byte.
 * @throws whatever reading or writing threw (QuotaExceededError, a network TypeError, AbortError),
 *   after the handle is closed, so the caller may delete the file at once.
 */
export async function appendStream(
  dir: FileSystemDirectoryHandle,
  modelId: string,
  stream: ReadableStream<Uint8Array>,
  start: number,
  onProgress: (writtenTo: number) => void,
): Promise<number> {
  const handle = await (await dir.getFileHandle(namesOf(modelId).partial, { create: true })).createSyncAccessHandle();
  const reader = stream.getReader();
  let at = start;
  let lastReport = 0;
  try {
    handle.truncate(start);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Chromium does not throw when the quota runs out: write() returns a bogus count (2^32 - 8).
      const written = handle.write(value, { at });
      if (written !== value.byteLength) throw new DOMException(`wrote ${written} of ${value.byteLength} bytes at ${at}`, 'QuotaExceededError');
      at += value.byteLength;
      const now = performance.now();
      if (now - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = now;
        onProgress(at);
      }
    }
    handle.flush();
    return at;
  } catch (error) {
    void reader.cancel().catch(() => {});
    throw error;
  } finally {
    handle.close();
  }
}
