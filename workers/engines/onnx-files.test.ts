import { describe, expect, it } from 'vitest';
import { onnxModelFiles } from './onnx-files';

describe('onnxModelFiles', () => {
  it('names the graph of the dtype, and its external data file when the record says the weights are there', () => {
    expect(onnxModelFiles({ dtype: 'q8' })).toEqual(['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']);
    expect(onnxModelFiles({ dtype: 'q4', externalData: true }).slice(-2)).toEqual(['onnx/model_q4.onnx', 'onnx/model_q4.onnx_data']);
  });
});
