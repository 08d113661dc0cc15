/** Reads an ONNX file back into a summary the checks and tests compare with the published shapes. */
import { readFileSync } from 'node:fs';
import { decodeModel, ONNX_DTYPE_NAME, type ModelMsg } from './onnx-proto.ts';

export interface OnnxSummary {
  opset: number;
  irVersion: number;
  producer: string;
  inputs: { name: string; dtype: string; dims: (string | number)[] }[];
  outputs: { name: string; dtype: string; dims: (string | number)[] }[];
  initializers: Map<string, { dtype: string; dims: number[]; bytes: number }>;
  /** How many nodes of each op type. */
  ops: Map<string, number>;
}

export function summarizeOnnx(model: ModelMsg): OnnxSummary {
  const io = (v: ModelMsg['graph']['input'][number]) => ({
    name: v.name,
    dtype: ONNX_DTYPE_NAME[v.type.tensor_type.elem_type] ?? String(v.type.tensor_type.elem_type),
    dims: (v.type.tensor_type.shape?.dim ?? []).map((d) => ('dim_param' in d ? d.dim_param : d.dim_value)),
  });
  const initializers = new Map<string, { dtype: string; dims: number[]; bytes: number }>();
  for (const t of model.graph.initializer ?? []) {
    initializers.set(t.name, {
      dtype: ONNX_DTYPE_NAME[t.data_type] ?? String(t.data_type),
      dims: t.dims ?? [],
      bytes: t.raw_data?.length ?? Number(t.external_data?.find((e) => e.key === 'length')?.value ?? 0),
    });
  }
  const ops = new Map<string, number>();
  for (const n of model.graph.node ?? []) ops.set(n.op_type, (ops.get(n.op_type) ?? 0) + 1);
  return {
    opset: model.opset_import.find((o) => !o.domain)?.version ?? 0,
    irVersion: model.ir_version,
    producer: model.producer_name,
    inputs: (model.graph.input ?? []).map(io),
    outputs: (model.graph.output ?? []).map(io),
    initializers,
    ops,
  };
}

export function readOnnx(path: string): OnnxSummary {
  return summarizeOnnx(decodeModel(readFileSync(path)));
}
