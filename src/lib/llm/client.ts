/** The page's handle on the LLM worker (see workers/llm.protocol.ts for the calls). */
import { WorkerClient } from '../rpc/client';
import type { LlmProtocol } from '../../../workers/llm.protocol';

export type LlmClient = WorkerClient<LlmProtocol>;

export type {
  ChatMessage,
  GeneratePayload,
  GenerateResult,
  GenerationStats,
  LlmProtocol,
  LoadPayload,
  LoadProgressEvent,
  LoadResult,
  TokenEvent,
} from '../../../workers/llm.protocol';

/**
 * A client whose worker starts on the first call (and restarts after a crash). Its heartbeat allows
 * 30 s of silence: loading a model may compile GPU shaders or hash large shards synchronously on a
 * slow device, and killing a healthy load would only start it over.
 */
export function createLlmClient(): LlmClient {
  return new WorkerClient<LlmProtocol>(
    () => new Worker(new URL('../../../workers/llm.worker.ts', import.meta.url), { type: 'module', name: 'llm' }),
    { deadlineMs: 30_000 },
  );
}
