/**
 * The GGUF v3 container as llama.cpp reads it (little-endian throughout):
 *   "GGUF" u32 version, u64 tensor count, u64 kv count, kv pairs, tensor infos,
 *   padding to `general.alignment` (32), then each tensor's data, each padded to the alignment.
 * A string is a u64 byte length and UTF-8 bytes; an array is a u32 item type, u64 count, items.
 */

export const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
export const GGUF_VERSION = 3;
export const GGUF_DEFAULT_ALIGNMENT = 32;

export const GGUF_VALUE = {
  UINT8: 0, INT8: 1, UINT16: 2, INT16: 3, UINT32: 4, INT32: 5, FLOAT32: 6,
  BOOL: 7, STRING: 8, ARRAY: 9, UINT64: 10, INT64: 11, FLOAT64: 12,
} as const;
export type GgufScalarKind = Exclude<keyof typeof GGUF_VALUE, 'ARRAY'>;

export type GgufScalar = number | bigint | boolean | string;

/** One metadata entry; `itemKind` is set for arrays (then `value` is an array). */
export interface GgufKv {
  key: string;
  kind: GgufScalarKind | 'ARRAY';
  itemKind?: GgufScalarKind;
  value: GgufScalar | readonly GgufScalar[];
}

/** A tensor's place in the file. `dims` are in ggml order: dims[0] is the row length (ne0). */
export interface GgufTensorInfo {
  name: string;
  dims: number[];
  type: number;
  /** Byte offset from the start of the data section. */
  offset: number;
}

/** Shorthands so metadata reads like llama.cpp's convert script. */
export const kv = {
  u32: (key: string, value: number): GgufKv => ({ key, kind: 'UINT32', value }),
  i32: (key: string, value: number): GgufKv => ({ key, kind: 'INT32', value }),
  f32: (key: string, value: number): GgufKv => ({ key, kind: 'FLOAT32', value }),
  bool: (key: string, value: boolean): GgufKv => ({ key, kind: 'BOOL', value }),
  str: (key: string, value: string): GgufKv => ({ key, kind: 'STRING', value }),
  strs: (key: string, value: readonly string[]): GgufKv => ({ key, kind: 'ARRAY', itemKind: 'STRING', value }),
  i32s: (key: string, value: readonly number[]): GgufKv => ({ key, kind: 'ARRAY', itemKind: 'INT32', value }),
};

export function alignUp(n: number, alignment: number): number {
  return Math.ceil(n / alignment) * alignment;
}
