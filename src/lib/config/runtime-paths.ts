/** Absolute URLs of the WASM runtimes the app serves itself (see build/runtime-assets.ts). */
export function ortPaths(): { mjs: string; wasm: string } {
  const base = new URL(import.meta.env.BASE_URL, location.origin);
  return {
    mjs: new URL('ort/ort-wasm-simd-threaded.asyncify.mjs', base).href,
    wasm: new URL('ort/ort-wasm-simd-threaded.asyncify.wasm', base).href,
  };
}
