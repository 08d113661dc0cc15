/// <reference lib="webworker" />
/** The ONNX engine's own worker: runs OnnxLlmEngine (transformers.js) for the LLM worker. See onnx-host.protocol.ts. */
import { serve } from '../../src/lib/rpc/server';
import type { OnnxHostProtocol } from './onnx-host.protocol';
import { OnnxLlmEngine } from './onnx-llm';

declare const self: DedicatedWorkerGlobalScope;

const engine = new OnnxLlmEngine();

serve<OnnxHostProtocol>(self, {
  load: (payload, { signal, emit }) => engine.load(payload, (p) => emit({ kind: 'progress', ...p }), signal),
  generate: ({ request, stop }, { signal, emit }) => engine.generate(request, (text) => emit({ kind: 'token', text }), signal, stop),
  unload: () => engine.unload(),
});
