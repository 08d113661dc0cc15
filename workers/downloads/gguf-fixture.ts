/** Test fixture: GGUF headers built from key/values, for the header reader and what reads its facts. */

/** A GGUF v3 header with the given key/values (strings, u32s, and one string array to skip). */
export function buildGguf(entries: [string, string | number | string[]][]): ArrayBuffer {
  const parts: number[] = [];
  const u32 = (n: number) => parts.push(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff);
  const u64 = (n: number) => {
    u32(n);
    u32(0);
  };
  const str = (s: string) => {
    const bytes = new TextEncoder().encode(s);
    u64(bytes.length);
    parts.push(...bytes);
  };
  parts.push(...new TextEncoder().encode('GGUF'));
  u32(3);
  u64(0);
  u64(entries.length);
  for (const [key, value] of entries) {
    str(key);
    if (typeof value === 'string') {
      u32(8);
      str(value);
    } else if (typeof value === 'number') {
      u32(4);
      u32(value);
    } else {
      u32(9);
      u32(8);
      u64(value.length);
      value.forEach(str);
    }
  }
  return new Uint8Array(parts).buffer;
}
