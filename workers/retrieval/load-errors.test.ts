import { describe, expect, it } from 'vitest';
import { appError, ModelError } from '../../src/lib/errors';
import { mapLoadError } from './load-errors';

const model = { name: 'Tiny reranker' };

describe('mapLoadError', () => {
  it('maps a missing file to MODEL_FILE_NOT_FOUND, naming the model and its role', () => {
    const error = mapLoadError(new Error('Could not locate file: "http://m/x/resolve/main/onnx/model.onnx".'), model, 'reranking model');
    expect(error).toBeInstanceOf(ModelError);
    expect(error.code).toBe('MODEL_FILE_NOT_FOUND');
    expect(error.message).toContain('reranking model “Tiny reranker”');
    expect(error.detail).toContain('onnx/model.onnx');
  });

  it('maps network failures to MODEL_DOWNLOAD_FAILED and anything else to MODEL_LOAD_FAILED', () => {
    expect(mapLoadError(new TypeError('Failed to fetch'), model, 'embedding model').code).toBe('MODEL_DOWNLOAD_FAILED');
    expect(mapLoadError(new Error('protobuf parsing failed'), model, 'embedding model').code).toBe('MODEL_LOAD_FAILED');
    expect(mapLoadError('weird', model, 'embedding model').code).toBe('MODEL_LOAD_FAILED');
  });

  it('passes app errors through unchanged', () => {
    const original = appError('ABORTED');
    expect(mapLoadError(original, model, 'embedding model')).toBe(original);
  });
});
