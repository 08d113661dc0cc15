import { describe, expect, it } from 'vitest';
import { describeFailure, failureActions, failureHost, failureReason, libraryPart } from './describe';

describe('failureReason', () => {
  it('says offline for any network failure while the browser is offline', () => {
    for (const code of ['MODEL_DOWNLOAD_FAILED', 'MODEL_FILE_NOT_FOUND', 'CATALOG_UNREACHABLE', 'MODEL_LOAD_FAILED'] as const) {
      expect(failureReason({ code, online: false })).toBe('offline');
    }
  });

  it('does not blame being offline for a full disk or missing memory', () => {
    expect(failureReason({ code: 'STORAGE_FULL', online: false })).toBe('no-space');
    expect(failureReason({ code: 'OUT_OF_MEMORY', online: false })).toBe('memory');
  });

  it('tells a source that did not answer from files that are not there and a refused download', () => {
    expect(failureReason({ code: 'MODEL_DOWNLOAD_FAILED', detail: 'TypeError: Failed to fetch', online: true })).toBe('unreachable');
    expect(failureReason({ code: 'MODEL_FILE_NOT_FOUND', detail: 'http://m.example/x.onnx: HTTP 404', online: true })).toBe('not-found');
    expect(failureReason({ code: 'MODEL_FILE_NOT_FOUND', detail: 'http://m.example/x.onnx: HTTP 403', online: true })).toBe('blocked');
    expect(failureReason({ code: 'CATALOG_UNREACHABLE', detail: 'status 401', online: true })).toBe('blocked');
  });

  it('reads a quota error hidden in a load failure as no space', () => {
    expect(failureReason({ code: 'MODEL_LOAD_FAILED', detail: 'QuotaExceededError: the quota has been exceeded', online: true })).toBe('no-space');
  });

  it('maps the GPU, a broken catalog and anything else', () => {
    expect(failureReason({ code: 'SHADER_F16_UNSUPPORTED', online: true })).toBe('gpu');
    expect(failureReason({ code: 'CATALOG_INVALID', online: true })).toBe('broken');
    expect(failureReason({ code: 'GENERATION_FAILED', online: true })).toBe('unknown');
  });
});

describe('failureActions', () => {
  it('offers Retry first when the network is to blame', () => {
    expect(failureActions('embedder', 'offline')).toEqual(['retry']);
    expect(failureActions('embedder', 'unreachable')[0]).toBe('retry');
  });

  it('offers another or a smaller language model where one would fix it, never for the embedder', () => {
    expect(failureActions('llm', 'memory')).toEqual(['smaller-model']);
    expect(failureActions('llm', 'not-found')[0]).toBe('other-model');
    expect(failureActions('embedder', 'memory')).not.toContain('smaller-model');
    expect(failureActions('embedder', 'not-found')).toEqual(['settings', 'retry']);
  });

  it('offers to free space when the disk is full', () => {
    expect(failureActions('embedder', 'no-space')[0]).toBe('free-space');
    expect(failureActions('llm', 'no-space')).toEqual(['free-space', 'smaller-model', 'retry']);
  });

  it('sends a broken catalog to Settings', () => {
    expect(failureActions('catalog', 'broken')[0]).toBe('settings');
  });
});

describe('failureHost', () => {
  it('takes the host of the address in the detail, else of the source', () => {
    expect(failureHost('http://127.0.0.1:4180/hearth-test/x/resolve/main/config.json: HTTP 404', 'https://other.example/')).toBe('127.0.0.1:4180');
    expect(failureHost('TypeError: Failed to fetch', 'https://models.example.org/')).toBe('models.example.org');
    expect(failureHost(undefined, undefined)).toBeNull();
  });
});

describe('describeFailure', () => {
  it('names the part and the model, with the reason and the fixes', () => {
    const failure = describeFailure({ part: 'embedder', name: 'all-MiniLM-L6-v2 (English)', code: 'MODEL_DOWNLOAD_FAILED', detail: 'TypeError: Failed to fetch', online: true, source: 'https://models.example.org/' });
    expect(failure).toEqual({ part: 'embedder', name: 'all-MiniLM-L6-v2 (English)', code: 'MODEL_DOWNLOAD_FAILED', reason: 'unreachable', actions: ['retry', 'settings'], host: 'models.example.org' });
  });

  it('puts a library start failure on the embedder unless the stored documents could not be read', () => {
    expect(libraryPart('MODEL_DOWNLOAD_FAILED')).toBe('embedder');
    expect(libraryPart('STORAGE_FULL')).toBe('embedder');
    expect(libraryPart('STORAGE_FAILED')).toBe('storage');
  });
});
