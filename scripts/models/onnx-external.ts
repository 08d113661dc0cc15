/**
 * ONNX external data: the weights of a large model in a file beside the graph (`model_q4.onnx` +
 * `model_q4.onnx_data`), as onnx's save_model(save_as_external_data=True) writes them and as the
 * published exports of models past ~500 MB ship. Each initializer of at least `threshold` bytes
 * moves to the data file; its TensorProto keeps name, type and dims, and points at (location,
 * offset, length) with data_location EXTERNAL. Offsets are 4,096-aligned, as onnx aligns them.
 */
import type { ModelMsg, TensorMsg } from './onnx-proto.ts';

const ALIGN = 4096;

export interface ExternalSplit {
  model: ModelMsg;
  /** The data file's bytes, in order, with the gaps the alignment leaves as zeros. */
  chunks: Uint8Array[];
}

export function toExternalData(model: ModelMsg, location: string, threshold = 1024): ExternalSplit {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const initializer = model.graph.initializer.map((t): TensorMsg => {
    const raw = t.raw_data;
    if (!raw || raw.byteLength < threshold) return t;
    const start = Math.ceil(offset / ALIGN) * ALIGN;
    if (start > offset) chunks.push(new Uint8Array(start - offset));
    chunks.push(raw);
    offset = start + raw.byteLength;
    const { raw_data: _moved, ...rest } = t;
    return {
      ...rest,
      data_location: 1,
      external_data: [
        { key: 'location', value: location },
        { key: 'offset', value: String(start) },
        { key: 'length', value: String(raw.byteLength) },
      ],
    };
  });
  return { model: { ...model, graph: { ...model.graph, initializer } }, chunks };
}
