/**
 * The files transformers.js reads for an ONNX text-generation model (its file name follows the dtype,
 * as in its DEFAULT_DTYPE_SUFFIX_MAPPING; external data is `{graph}_data`, its getExternalDataChunkNames' first chunk).
 */
import type { OnnxLlmModel } from '../../src/lib/catalog/types';

const ONNX_FILE_OF_DTYPE: Record<OnnxLlmModel['dtype'], string> = { q4: 'onnx/model_q4.onnx', q8: 'onnx/model_quantized.onnx' };

export function onnxModelFiles(model: Pick<OnnxLlmModel, 'dtype' | 'externalData'>): string[] {
  const graph = ONNX_FILE_OF_DTYPE[model.dtype];
  return ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', graph, ...(model.externalData ? [`${graph}_data`] : [])];
}
