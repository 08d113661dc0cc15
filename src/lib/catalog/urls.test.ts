import { describe, expect, it } from 'vitest';
import shipped from '../../../models.json';
import { parseCatalog } from './load';
import type { WebLlmModel, WllamaModel } from './types';
import { modelFileUrl, webLlmLibUrl, webLlmModelUrl, wllamaModelUrl } from './urls';

const catalog = parseCatalog(shipped);
const gguf = catalog.models.find((m): m is WllamaModel => m.id === 'SmolLM2-135M-Instruct-Q8_0-GGUF')!;
const mlc = catalog.models.find((m): m is WebLlmModel => m.id === 'SmolLM2-360M-Instruct-q4f32_1-MLC')!;
const stories = catalog.models.find((m): m is WllamaModel => m.id === 'stories260K-GGUF')!;

describe('model file URLs', () => {
  it('follow the Hugging Face layout from the shipped base', () => {
    expect(wllamaModelUrl(catalog.modelBaseUrl, gguf)).toBe(
      'https://huggingface.co/HuggingFaceTB/SmolLM2-135M-Instruct-GGUF/resolve/main/smollm2-135m-instruct-q8_0.gguf',
    );
    expect(modelFileUrl(catalog.modelBaseUrl, { repo: 'Xenova/all-MiniLM-L6-v2', revision: 'main' }, 'onnx/model_quantized.onnx')).toBe(
      'https://huggingface.co/Xenova/all-MiniLM-L6-v2/resolve/main/onnx/model_quantized.onnx',
    );
  });

  it('keep sub-folders of a GGUF path', () => {
    expect(wllamaModelUrl('https://huggingface.co', stories)).toBe(
      'https://huggingface.co/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf',
    );
  });

  it('work with a mirror base, with and without a trailing slash', () => {
    const expected = 'https://models.corp.example/hf/HuggingFaceTB/SmolLM2-135M-Instruct-GGUF/resolve/main/smollm2-135m-instruct-q8_0.gguf';
    expect(wllamaModelUrl('https://models.corp.example/hf', gguf)).toBe(expected);
    expect(wllamaModelUrl('https://models.corp.example/hf/', gguf)).toBe(expected);
    expect(wllamaModelUrl('http://127.0.0.1:5173/models', gguf)).toBe(
      'http://127.0.0.1:5173/models/HuggingFaceTB/SmolLM2-135M-Instruct-GGUF/resolve/main/smollm2-135m-instruct-q8_0.gguf',
    );
  });

  it('drop a query or fragment on the base instead of gluing the path after it', () => {
    expect(wllamaModelUrl('https://m.example/hf?token=x#y', gguf)).toBe(
      'https://m.example/hf/HuggingFaceTB/SmolLM2-135M-Instruct-GGUF/resolve/main/smollm2-135m-instruct-q8_0.gguf',
    );
  });

  it('encode a revision and odd file names instead of breaking the path', () => {
    const url = modelFileUrl('https://m.example', { repo: 'a/b', revision: 'refs/pr/1' }, 'dir/file #1.gguf');
    expect(url).toBe('https://m.example/a/b/resolve/refs%2Fpr%2F1/dir/file%20%231.gguf');
  });

  it('refuse a base that is not a URL', () => {
    expect(() => wllamaModelUrl('huggingface.co', gguf)).toThrow();
  });
});

describe('web-llm URLs', () => {
  it('give the model folder ending in /resolve/{revision}/, as web-llm wants', () => {
    expect(webLlmModelUrl(catalog.modelBaseUrl, mlc)).toBe('https://huggingface.co/mlc-ai/SmolLM2-360M-Instruct-q4f32_1-MLC/resolve/main/');
    expect(webLlmModelUrl('http://127.0.0.1:8080/mirror', mlc)).toBe(
      'http://127.0.0.1:8080/mirror/mlc-ai/SmolLM2-360M-Instruct-q4f32_1-MLC/resolve/main/',
    );
  });

  it('give the library URL under the lib base, with and without a trailing slash', () => {
    const expected = `${catalog.libBaseUrl}SmolLM2-360M-Instruct-q4f32_1_cs1k-webgpu.wasm`;
    expect(webLlmLibUrl(catalog.libBaseUrl, mlc)).toBe(expected);
    expect(webLlmLibUrl(catalog.libBaseUrl.replace(/\/$/, ''), mlc)).toBe(expected);
    expect(webLlmLibUrl('https://libs.corp.example/webllm', mlc)).toBe('https://libs.corp.example/webllm/SmolLM2-360M-Instruct-q4f32_1_cs1k-webgpu.wasm');
  });
});
