/**
 * A minimal WebAssembly binary encoder: just enough to assemble small numeric kernels at run time
 * (functions over i32/f32/v128 values and one imported memory), so the app ships no .wasm file and
 * needs no toolchain. Opcodes follow the core spec and the fixed-width SIMD proposal (Wasm 2.0).
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

const simd = (code: number): number[] => [0xfd, ...uleb(code)];

function f32Bytes(x: number): number[] {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, x, true);
  return [...b];
}
/** memarg: log2 of the alignment hint, then the static offset. */
const memarg = (alignLog2: number, offset: number): number[] => [alignLog2, ...uleb(offset)];

/** Instructions, as byte arrays to concatenate into a function body. */
export const op = {
  localGet: (i: number) => [0x20, ...uleb(i)],
  localSet: (i: number) => [0x21, ...uleb(i)],
  localTee: (i: number) => [0x22, ...uleb(i)],
  i32Const: (n: number) => [0x41, ...sleb(n)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32LtU: [0x49],
  i32Eqz: [0x45],
  f32Add: [0x92],
  f32Const: (x: number) => [0x43, ...f32Bytes(x)],
  f32Mul: [0x94],
  f32ConvertI32S: [0xb2],
  f32Load: (offset = 0) => [0x2a, ...memarg(2, offset)],
  f32Store: (offset = 0) => [0x38, ...memarg(2, offset)],
  /** Blocks and loops with no parameters and no results. */
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  return: [0x0f],
  end: [0x0b],
  /** v128.load with the 16-byte alignment hint. */
  v128Load: (offset = 0) => [...simd(0x00), ...memarg(4, offset)],
  /** Loads 8 bytes and sign-extends each to an i16 lane. */
  v128Load8x8S: (offset = 0) => [...simd(0x01), ...memarg(3, offset)],
  v128Zero: [...simd(0x0c), ...new Array<number>(16).fill(0)],
  /** v128.const with the same 32-bit pattern in all four lanes (little-endian). */
  v128ConstI32x4: (n: number) => [...simd(0x0c), ...[0, 1, 2, 3].flatMap(() => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff])],
  v128And: simd(0x4e),
  i32x4ExtractLane: (lane: number) => [...simd(0x1b), lane],
  f32x4ExtractLane: (lane: number) => [...simd(0x1f), lane],
  /** Shifts every lane by an i32 operand (taken mod 32). */
  i32x4Shl: simd(0xab),
  i32x4ShrS: simd(0xac),
  i32x4Add: simd(0xae),
  f32x4Splat: simd(0x13),
  /** a × b + c, fused where the CPU can (relaxed SIMD; the benchmarks use it, the app does not). */
  f32x4RelaxedMadd: simd(0x105),
  /** Pairwise i16 products summed into i32 lanes (pmaddwd). */
  i32x4DotI16x8S: simd(0xba),
  f32x4Add: simd(0xe4),
  f32x4Mul: simd(0xe6),
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
  /** Import the memory as env.memory (the caller owns and grows it). */
  importMemory?: boolean;
  /** Or: a memory of its own of this many 64 KiB pages, exported as "memory". */
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
  // Memory import: limits flag 0 = minimum only, so the memory can grow to the engine's maximum.
  const imports = def.importMemory ? [[...name('env'), ...name('memory'), 0x02, 0x00, 0x00]] : [];
  const exports = def.funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]);
  if (def.memoryPages !== undefined) exports.push([...name('memory'), 0x02, 0]);
  const code = def.funcs.map((f) => {
    const body = [...vec(f.locals.map(([count, type]) => [...uleb(count), type])), ...f.body, ...op.end];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...(imports.length ? section(2, vec(imports)) : []),
    ...section(3, vec(def.funcs.map((_, i) => uleb(i)))),
    ...(def.memoryPages !== undefined ? section(5, vec([[0x00, ...uleb(def.memoryPages)]])) : []),
    ...section(7, vec(exports)),
    ...section(10, vec(code)),
  ]);
}
