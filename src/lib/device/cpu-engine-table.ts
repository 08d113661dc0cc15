/**
 * The CPU engines measured side by side on the same model shapes (`npx tsx bench/run.ts --suite
 * cpu-engines`, random-weight shape twins, 2 threads, 2026-12-01 on the project's 2-core machine
 * while it was fully busy with other work: load average 13–23, the WASM peaks at a quarter of their
 * quiet values). cpu-engine.ts chooses from these rows; a model without a row runs on the engine its
 * catalog pick has. Figures are the catalog records' files: SmolLM2's repo publishes model_q4.onnx
 * (no q8), Qwen2.5's model_quantized.onnx was faster than its model_q4.onnx and needs less memory.
 */
import type { EngineTableRow } from './cpu-engine';

export const CPU_ENGINE_TABLE: readonly EngineTableRow[] = [
  {
    sourceUrl: 'https://huggingface.co/HuggingFaceTB/SmolLM2-135M-Instruct',
    threads: 2,
    figures: [
      { engine: 'wllama', quantization: 'Q8_0', firstTokenMs: 84_733, decodeTokensPerSecond: 0.6 },
      { engine: 'transformers', quantization: 'q4', firstTokenMs: 40_763, decodeTokensPerSecond: 0.75 },
    ],
  },
  {
    sourceUrl: 'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct',
    threads: 2,
    figures: [
      // Not finished: neither the Q4_0 nor the Q8_0 GGUF answered within the bench's 5 minutes per
      // answer in the same run, so 300 s is a lower bound on its first token and its decode speed unknown (0).
      { engine: 'wllama', quantization: 'Q4_0', firstTokenMs: 300_000, decodeTokensPerSecond: 0 },
      { engine: 'transformers', quantization: 'q8', firstTokenMs: 63_603, decodeTokensPerSecond: 1.45 },
    ],
  },
];
