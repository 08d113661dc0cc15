import { describe, expect, it } from 'vitest';
import { wordsFor } from '../i18n/all-catalogs';
import { engineLabel as label } from './engine-label';

const en = wordsFor('en');
const engineLabel = (v: Parameters<typeof label>[1]) => label(en, v);

describe('engineLabel', () => {
  it('names the device and the speed while passages are embedded', () => {
    expect(engineLabel({ stage: 'embedding', device: 'webgpu', passagesPerSecond: 119.6 })).toBe('Embedding on the GPU · 120 passages/s');
    expect(engineLabel({ stage: 'embedding', device: 'wasm', passagesPerSecond: 8.46 })).toBe('Embedding on the CPU · 8.5 passages/s');
    expect(engineLabel({ stage: 'embedding', device: 'wasm', passagesPerSecond: 1234 })).toBe('Embedding on the CPU · 1,234 passages/s');
  });

  it('leaves out a speed it cannot tell yet', () => {
    expect(engineLabel({ stage: 'embedding', device: 'webgpu', passagesPerSecond: null })).toBe('Embedding on the GPU');
    expect(engineLabel({ stage: 'embedding', device: 'webgpu', passagesPerSecond: 0 })).toBe('Embedding on the GPU');
  });

  it('speaks the reader\'s language, numbers included', () => {
    expect(label(wordsFor('de'), { stage: 'embedding', device: 'wasm', passagesPerSecond: 8.46 })).toBe('Embedding auf dem Prozessor · 8,5 Passagen/s');
    expect(label(wordsFor('fr'), { stage: 'embedding', device: 'webgpu', passagesPerSecond: null })).toBe('Embedding sur la puce graphique');
  });

  it('says nothing outside embedding, or when the device is not known', () => {
    expect(engineLabel({ stage: 'reading', device: 'webgpu', passagesPerSecond: 50 })).toBeNull();
    expect(engineLabel({ stage: 'embedding', device: null, passagesPerSecond: 50 })).toBeNull();
  });
});
