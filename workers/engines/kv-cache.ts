/**
 * The CPU engine's KV cache. llama.cpp's default cache is f16, and WASM has no f16 arithmetic: attention
 * converts every cached value in scalar code, so decoding slows as the context fills (SmolLM2-135M here:
 * about half speed at 500 tokens of context). A q8_0 cache with flash attention goes through the SIMD
 * int8 dot product instead, keeps decode speed nearly flat, and takes about half the memory of f16.
 * q8_0 packs 32 values per block, so every attention head must be a multiple of 32 wide; models with
 * narrower heads (stories260K: 8) keep llama.cpp's default. `npm run bench -- --suite llm` measures both.
 */
import { readGgufHeader, type GgufHeader } from '../downloads/gguf-header';

export type KvCacheChoice = 'auto' | 'f16';

/** What llama.cpp (through wllama's load options) is given; empty means its own defaults (f16). */
export interface KvCacheOptions {
  cache_type_k?: 'q8_0';
  cache_type_v?: 'q8_0';
  flash_attn?: boolean;
}

const Q8_0_BLOCK = 32;
/** Model hyperparameters come right after `general.*`, long before the vocabulary. */
const HEADER_BYTES = 1024 * 1024;

/** A number-valued metadata key, or null. */
export function numberAt(header: GgufHeader, key: string): number | null {
  const v = header.metadata.get(key);
  return typeof v === 'number' || typeof v === 'bigint' ? Number(v) : null;
}

/** Widths of one key head and one value head, or null when the header does not say. */
export function headWidths(header: GgufHeader): { key: number; value: number } | null {
  const arch = header.metadata.get('general.architecture');
  if (typeof arch !== 'string') return null;
  const embedding = numberAt(header, `${arch}.embedding_length`);
  const heads = numberAt(header, `${arch}.attention.head_count`);
  const derived = embedding && heads ? embedding / heads : null;
  const key = numberAt(header, `${arch}.attention.key_length`) ?? derived;
  const value = numberAt(header, `${arch}.attention.value_length`) ?? key;
  return key && value && Number.isInteger(key) && Number.isInteger(value) ? { key, value } : null;
}

/** q8_0 + flash attention when every head width allows it, else llama.cpp's defaults. */
export function kvCacheOptions(header: GgufHeader | null, choice: KvCacheChoice = 'auto'): KvCacheOptions {
  if (choice === 'f16' || !header) return {};
  const widths = headWidths(header);
  if (!widths || widths.key % Q8_0_BLOCK !== 0 || widths.value % Q8_0_BLOCK !== 0) return {};
  return { cache_type_k: 'q8_0', cache_type_v: 'q8_0', flash_attn: true };
}

/** The model file's header (its hyperparameters), or null when the file does not start with one. */
export async function readModelHeader(file: Blob): Promise<GgufHeader | null> {
  return readGgufHeader(await file.slice(0, HEADER_BYTES).arrayBuffer());
}
