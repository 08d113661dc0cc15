/** The engine factory: loads only the engine needed (web-llm, wllama and transformers.js are megabytes each, so each is a separate dynamic import). */
import type { LlmEngineId } from '../llm.protocol';
import type { EngineOptions, LlmEngine } from './engine';

/** Create the engine for a model's `engine` field (the CPU engines have no GPU to lose, so they ignore `onLost`). */
export async function createEngine(engineId: LlmEngineId, options: EngineOptions = {}): Promise<LlmEngine> {
  switch (engineId) {
    case 'wllama': {
      const { WllamaEngine } = await import('./wllama');
      return new WllamaEngine();
    }
    case 'transformers': {
      const { OnnxRemoteEngine } = await import('./onnx-remote');
      return new OnnxRemoteEngine();
    }
    case 'webllm': {
      const { WebLlmEngine } = await import('./webllm');
      return new WebLlmEngine(options);
    }
    default: {
      const never: never = engineId;
      throw new Error(`unknown engine ${String(never)}`);
    }
  }
}
