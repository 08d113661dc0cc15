import { describe, expect, it } from 'vitest';
import { bytesByPackage, decodeVlq, mainPackage, packageOf, repeatedPackages } from './sourcemap';

describe('decodeVlq', () => {
  it('decodes base64 VLQ segments, signs and continuations included', () => {
    expect(decodeVlq('AAAA')).toEqual([0, 0, 0, 0]);
    expect(decodeVlq('CACD')).toEqual([1, 0, 1, -1]);
    expect(decodeVlq('gBAAA')).toEqual([16, 0, 0, 0]);
    expect(() => decodeVlq('A*')).toThrow(/VLQ/u);
  });
});

describe('packageOf', () => {
  it('names the package of a node_modules path, scoped or not, else the app', () => {
    expect(packageOf('../../node_modules/marked/lib/marked.esm.js')).toBe('marked');
    expect(packageOf('/x/node_modules/a/node_modules/@scope/pkg/dist/i.js')).toBe('@scope/pkg');
    expect(packageOf('../../src/App.svelte')).toBe('(app)');
    expect(packageOf(null)).toBe('(unmapped)');
  });
});

describe('bytesByPackage', () => {
  it('gives each segment the bytes up to the next one, across lines', () => {
    // Line 1: "abcdefghij" — cols 0–3 from source 0 (app), cols 4–9 from source 1 (marked).
    // Line 2: "xyz" — col 0 from source 1 again (the source index carries over lines).
    const map = { sources: ['src/a.ts', 'node_modules/marked/m.js'], mappings: 'AAAA,ICAA;AAAA' };
    const parts = bytesByPackage('abcdefghij\nxyz', map);
    expect(parts).toEqual([
      { pkg: 'marked', bytes: 10 },
      { pkg: '(app)', bytes: 4 },
    ]);
    expect(mainPackage(parts)).toBe('marked');
    expect(mainPackage([{ pkg: '(app)', bytes: 9 }])).toBeNull();
  });

  it('counts bytes before the first segment and after a one-field segment as unmapped', () => {
    const parts = bytesByPackage('abcdef', { sources: ['src/a.ts'], mappings: 'EAAA,E' });
    expect(parts).toEqual([
      { pkg: '(unmapped)', bytes: 4 },
      { pkg: '(app)', bytes: 2 },
    ]);
  });
});

describe('repeatedPackages', () => {
  it('lists packages with a sizeable share in more than one chunk', () => {
    const chunks = [
      { file: 'a.js', parts: [{ pkg: 'big', bytes: 50_000 }, { pkg: 'small', bytes: 10 }, { pkg: '(app)', bytes: 90_000 }] },
      { file: 'b.js', parts: [{ pkg: 'big', bytes: 40_000 }, { pkg: 'small', bytes: 10 }, { pkg: '(app)', bytes: 90_000 }] },
      { file: 'c.js', parts: [{ pkg: 'once', bytes: 99_000 }] },
    ];
    expect(repeatedPackages(chunks)).toEqual([{ pkg: 'big', chunks: ['a.js', 'b.js'], bytes: 90_000 }]);
  });
});
