/**
 * A minimal WebAssembly binary encoder: enough to hand-assemble the micro-benchmark kernels
 * (functions with v128 locals, one memory, exports). Opcodes follow the core spec and the SIMD and
 * relaxed-SIMD proposals.
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

export function uleb(n: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`uleb needs a non-negative integer, got ${n}`);
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): number[] {
  if (!Number.isInteger(n)) throw new RangeError(`sleb needs an integer, got ${n}`);
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function f32Bytes(x: number): number[] {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, x, true);
  return [...b];
}

function simd(op: number): number[] {
  return [0xfd, ...uleb(op)];
}

/** Instructions used by the kernels, as byte arrays to concatenate. */
export const op = {
  localGet: (i: number) => [0x20, ...uleb(i)],
  localSet: (i: number) => [0x21, ...uleb(i)],
  localTee: (i: number) => [0x22, ...uleb(i)],
  i32Const: (n: number) => [0x41, ...sleb(n)],
  f32Const: (x: number) => [0x43, ...f32Bytes(x)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32LtU: [0x49],
  f32Add: [0x92],
  /** A loop or block with no parameters and no results. */
  loop: [0x03, 0x40],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  end: [0x0b],
  /** v128.load with 16-byte alignment. */
  v128Load: (offset: number) => [...simd(0x00), 4, ...uleb(offset)],
  f32x4Splat: simd(0x13),
  i32x4ExtractLane: (lane: number) => [...simd(0x1b), lane],
  f32x4ExtractLane: (lane: number) => [...simd(0x1f), lane],
  i32x4Add: simd(0xae),
  f32x4Add: simd(0xe4),
  f32x4Mul: simd(0xe6),
  /** a × b + c, fused where the CPU can (relaxed SIMD). */
  f32x4RelaxedMadd: simd(0x105),
} as const;

export interface FuncDef {
  name: string;
  params: number[];
  results: number[];
  /** Extra locals after the parameters, as [count, type] runs. */
  locals: [number, number][];
  body: number[];
}

export interface ModuleDef {
  funcs: FuncDef[];
  /** A memory of this many 64 KiB pages, exported as "memory". */
  memoryPages?: number;
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}

export function encodeModule(def: ModuleDef): Uint8Array<ArrayBuffer> {
  const types = def.funcs.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))]);
  const funcs = def.funcs.map((_, i) => uleb(i));
  const exports = def.funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]);
  if (def.memoryPages !== undefined) exports.push([...name('memory'), 0x02, 0]);
  const code = def.funcs.map((f) => {
    const body = [...vec(f.locals.map(([count, type]) => [...uleb(count), type])), ...f.body, ...op.end];
    return [...uleb(body.length), ...body];
  });
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(3, vec(funcs)),
    ...(def.memoryPages !== undefined ? section(5, vec([[0x00, ...uleb(def.memoryPages)]])) : []),
    ...section(7, vec(exports)),
    ...section(10, vec(code)),
  ];
  return new Uint8Array(bytes);
}
