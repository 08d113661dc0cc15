/**
 * A small builder for ONNX graphs: add nodes and initializers by name, get a ModelMsg out.
 * Initializer data goes into raw_data (little-endian, as the ONNX spec requires).
 */
import {
  ONNX_ATTR, ONNX_DTYPE, type AttrMsg, type ModelMsg, type NodeMsg, type OnnxDtypeName, type TensorMsg, type ValueInfoMsg,
} from './onnx-proto.ts';

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  // Typed-array bytes are copied straight into raw_data, which ONNX defines as little-endian.
  throw new Error('make-models needs a little-endian machine');
}

export const attr = {
  i: (name: string, i: number): AttrMsg => ({ name, type: ONNX_ATTR.INT, i }),
  f: (name: string, f: number): AttrMsg => ({ name, type: ONNX_ATTR.FLOAT, f }),
  ints: (name: string, ints: number[]): AttrMsg => ({ name, type: ONNX_ATTR.INTS, ints }),
};

type Data = Float32Array | Uint8Array | Int8Array | Int32Array | BigInt64Array;

function rawBytes(data: Data): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export class GraphBuilder {
  readonly nodes: NodeMsg[] = [];
  readonly initializers: TensorMsg[] = [];
  readonly inputs: ValueInfoMsg[] = [];
  readonly outputs: ValueInfoMsg[] = [];
  private readonly used = new Set<string>();
  private counter = 0;

  /** A fresh value name with a readable stem. */
  fresh(stem: string): string {
    let name = `/${stem}_${this.counter++}`;
    while (this.used.has(name)) name = `/${stem}_${this.counter++}`;
    return name;
  }

  /** Adds a node with one output and returns the output's name. */
  op(opType: string, inputs: string[], attributes: AttrMsg[] = [], output?: string): string {
    const out = output ?? this.fresh(opType);
    this.used.add(out);
    this.nodes.push({ op_type: opType, name: `${opType}_${this.nodes.length}`, input: inputs, output: [out], attribute: attributes });
    return out;
  }

  /** Adds a node of ONNX Runtime's contrib domain (com.microsoft), e.g. MatMulNBits. */
  contrib(opType: string, inputs: string[], attributes: AttrMsg[] = []): string {
    const out = this.fresh(opType);
    this.used.add(out);
    this.nodes.push({ op_type: opType, domain: 'com.microsoft', name: `${opType}_${this.nodes.length}`, input: inputs, output: [out], attribute: attributes });
    return out;
  }

  /** Adds a node with several outputs (names chosen by the caller). */
  multi(opType: string, inputs: string[], outputs: string[], attributes: AttrMsg[] = []): string[] {
    for (const out of outputs) {
      if (this.used.has(out)) throw new Error(`duplicate value name ${out}`);
      this.used.add(out);
    }
    this.nodes.push({ op_type: opType, name: `${opType}_${this.nodes.length}`, input: inputs, output: outputs, attribute: attributes });
    return outputs;
  }

  /** Adds an initializer; `dims` must match the data length. */
  init(name: string, dtype: OnnxDtypeName, dims: number[], data: Data): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (count !== data.length) throw new Error(`${name}: ${data.length} values for dims [${dims}]`);
    if (this.used.has(name)) throw new Error(`duplicate value name ${name}`);
    this.used.add(name);
    this.initializers.push({ name, dims, data_type: ONNX_DTYPE[dtype], raw_data: rawBytes(data) });
    return name;
  }

  /** Small constants (shapes, axes, scalars) as initializers. */
  int64(values: number[], dims: number[] = [values.length]): string {
    return this.init(this.fresh('const_i64'), 'INT64', dims, BigInt64Array.from(values.map(BigInt)));
  }
  float(values: number[], dims: number[] = [values.length]): string {
    return this.init(this.fresh('const_f32'), 'FLOAT', dims, Float32Array.from(values));
  }

  /** Declares a graph input or output with symbolic or fixed dims. */
  io(kind: 'input' | 'output', name: string, dtype: OnnxDtypeName, dims: (string | number)[]): void {
    this.used.add(name);
    const dim = dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d }));
    (kind === 'input' ? this.inputs : this.outputs).push({ name, type: { tensor_type: { elem_type: ONNX_DTYPE[dtype], shape: { dim } } } });
  }

  model(opts: { name: string; opset: number; producer: string; docString: string }): ModelMsg {
    const contrib = this.nodes.some((n) => n.domain === 'com.microsoft');
    return {
      // IR version 8 goes with opset 17 (ONNX 1.12), the newest pair every ORT 1.1x reads.
      ir_version: 8,
      opset_import: [{ domain: '', version: opts.opset }, ...(contrib ? [{ domain: 'com.microsoft', version: 1 }] : [])],
      producer_name: opts.producer,
      producer_version: '1',
      doc_string: opts.docString,
      graph: { name: opts.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    };
  }
}
