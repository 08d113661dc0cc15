import { describe, expect, it } from 'vitest';
import { dotKernelBytes, dotKernelModule, instantiateDotKernel } from './dot-kernel';
import { sleb, uleb } from './encoder';

describe('wasm encoder', () => {
  it('writes LEB128 like the spec examples', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
  });
});

describe('dot kernel', () => {
  it('is valid WebAssembly and compiles here (Node has SIMD)', () => {
    expect(WebAssembly.validate(dotKernelBytes())).toBe(true);
    expect(dotKernelModule()).toBeInstanceOf(WebAssembly.Module);
  });

  it('dot_f32 computes one dot product per vector at the given stride', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const kernel = instantiateDotKernel(memory)!;
    const f32 = new Float32Array(memory.buffer);
    const stride = 32; // floats; 128 bytes
    for (let i = 0; i < stride; i++) f32[i] = (i % 7) - 3; // query at byte 0
    const data = 256;
    const expected: number[] = [];
    for (let s = 0; s < 5; s++) {
      let dot = 0;
      for (let i = 0; i < stride; i++) {
        const x = Math.fround(Math.sin(s * 31 + i));
        f32[data / 4 + s * stride + i] = x;
        dot += x * f32[i]!;
      }
      expected.push(dot);
    }
    f32[4000] = 42; // sentinel: count 0 must write nothing
    kernel.dotF32(0, data, stride * 4, 0, 16000);
    expect(f32[4000]).toBe(42);
    kernel.dotF32(0, data, stride * 4, 5, 16000);
    expected.forEach((dot, s) => expect(f32[4000 + s]).toBeCloseTo(dot, 5));
  });

  it('dot_i8 sums int8 × int16 exactly in i32 and applies both scales', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const kernel = instantiateDotKernel(memory)!;
    const i16 = new Int16Array(memory.buffer);
    const i8 = new Int8Array(memory.buffer);
    const f32 = new Float32Array(memory.buffer);
    const stride = 64; // bytes = int8 values
    // Extreme values: 64 × 127 × 32767 = 266,331,776 per vector fits an i32, and must come out exact.
    for (let i = 0; i < stride; i++) i16[i] = i % 2 ? 32767 : -32767;
    for (let i = 0; i < stride; i++) {
      i8[1024 + i] = i % 2 ? 127 : -127; // same signs: +64·127·32767
      i8[1024 + stride + i] = -(i8[1024 + i] as number); // opposite
      i8[1024 + 2 * stride + i] = 1; // alternating query signs cancel: 0
    }
    f32.set([0.5, 0.25, 3], 2048 / 4);
    kernel.dotI8(0, 1024, stride, 3, 2048, 2, 4096);
    const full = 64 * 127 * 32767;
    expect([...f32.subarray(1024, 1027)]).toEqual([Math.fround(full) * 0.5 * 2, -Math.fround(full) * 0.25 * 2, 0]);
  });
});
