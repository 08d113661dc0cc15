/**
 * The CPU engines measured side by side on the same model shapes (`npx tsx bench/run.ts --suite
 * cpu-engines`, random-weight shape twins, 2 threads, 2026-12-01 on the project's 2-core machine,
 * quiet: load average 1.2–2.8, WASM peaks 128.6 GFLOP/s and 41.3 GB/s on 2 threads). The prompt was
 * 854–858 tokens. cpu-engine.ts chooses from these rows; a model without a row runs on the engine its
 * catalog pick has. Figures are the catalog records' files: SmolLM2's repo publishes model_q4.onnx
 * (no q8); Qwen2.5's model_quantized.onnx (q8) was faster than its model_q4.onnx and needs less
 * memory; Qwen2.5's GGUF record is Q4_K_M, measured here by its Q4_0 twin (the same 4-bit work).
 */
import type { EngineTableRow } from './cpu-engine';

export const CPU_ENGINE_TABLE: readonly EngineTableRow[] = [
  {
    sourceUrl: 'https://huggingface.co/HuggingFaceTB/SmolLM2-135M-Instruct',
    threads: 2,
    figures: [
      // ONNX Runtime reads the prompt faster (6.1 s against 11.2 s) but decodes the q4 file at 5 tokens/s
      // against llama.cpp's 29.7, so a 150-token answer comes sooner from llama.cpp (16.3 s against 35.8 s).
      { engine: 'wllama', quantization: 'Q8_0', firstTokenMs: 11_213, decodeTokensPerSecond: 29.7 },
      { engine: 'transformers', quantization: 'q4', firstTokenMs: 6_117, decodeTokensPerSecond: 5.05 },
    ],
  },
  {
    sourceUrl: 'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct',
    threads: 2,
    figures: [
      { engine: 'wllama', quantization: 'Q4_0', firstTokenMs: 47_744, decodeTokensPerSecond: 7.25 },
      { engine: 'transformers', quantization: 'q8', firstTokenMs: 10_325, decodeTokensPerSecond: 13.25 },
    ],
  },
];
