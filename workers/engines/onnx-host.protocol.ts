/**
 * The protocol of the ONNX engine's own worker (onnx-host.worker.ts), nested in the LLM worker the
 * way wllama runs llama.cpp in a worker of its own: one ONNX Runtime run blocks its thread for as
 * long as a whole prompt takes to read, and the LLM worker must keep answering meanwhile.
 * `stop` is a SharedArrayBuffer flag the LLM worker sets on Stop: the generation loop reads it
 * after every token without waiting for a message (its event loop may not turn between tokens).
 */
import type { GeneratePayload, GenerateResult, LoadPayload, LoadProgressEvent, LoadResult, TokenEvent } from '../llm.protocol';

export type OnnxHostProtocol = {
  load: { payload: LoadPayload; result: LoadResult; event: LoadProgressEvent };
  generate: { payload: { request: GeneratePayload; stop: Int32Array | null }; result: GenerateResult; event: TokenEvent };
  unload: { payload: Record<string, never>; result: void; event: never };
};
