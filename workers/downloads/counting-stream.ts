/** A pass-through stream that reports the running total of bytes that went through it. */
export function countingStream(onBytes: (total: number) => void): TransformStream<Uint8Array, Uint8Array> {
  let counted = 0;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      counted += chunk.byteLength;
      onBytes(counted);
      controller.enqueue(chunk);
    },
  });
}
