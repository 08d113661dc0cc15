import { describe, expect, it } from 'vitest';
import { onnxModelUrl } from '../../src/lib/catalog/urls';
import { hubBaseOf } from './onnx-hub';

const model = { repo: 'onnx-community/Qwen2.5-0.5B-Instruct', revision: 'main' };

describe('hubBaseOf', () => {
  it('gives back the base the model folder was built from, with or without a path', () => {
    for (const base of ['https://huggingface.co/', 'http://127.0.0.1:4180/', 'https://models.example.org/mirror/hub/']) {
      expect(hubBaseOf(onnxModelUrl(base, model), model)).toBe(base);
    }
  });

  it('keeps an encoded revision apart from the repo', () => {
    const pinned = { ...model, revision: 'refs/pr/1' };
    expect(hubBaseOf(onnxModelUrl('https://h.example/', pinned), pinned)).toBe('https://h.example/');
  });

  it('refuses a folder of another model with MODEL_LOAD_FAILED', () => {
    expect(() => hubBaseOf('https://h.example/other/repo/resolve/main/', model)).toThrow(expect.objectContaining({ code: 'MODEL_LOAD_FAILED' }));
  });
});
