/**
 * The CPU engines measured side by side on the same model shapes (`npx tsx bench/run.ts --suite
 * cpu-engines`, random-weight shape twins, 2 threads, one run on 2026-12-03 on the project's 2-core
 * machine, quiet: WASM peaks 99.9 GFLOP/s and 23.1 GB/s on 2 threads). The prompt was 854–858
 * tokens. cpu-engine.ts chooses from these rows; a model without a row runs on the engine its
 * catalog pick has. Figures are the catalog records' files: SmolLM2's repo publishes model_q4.onnx
 * (no q8), and so does LFM2-700M's (onnx-community, weights in external data); Qwen2.5's
 * model_quantized.onnx (q8) was faster than its model_q4.onnx and needs less memory; Qwen2.5's GGUF
 * record is Q4_K_M, measured here by its Q4_0 twin (the same 4-bit work). The 2026-12-01 run of
 * the SmolLM2 and Qwen2.5 rows (peaks 128.6 GFLOP/s, 41.3 GB/s) chose the same engines.
 */
import type { EngineTableRow } from './cpu-engine';

export const CPU_ENGINE_TABLE: readonly EngineTableRow[] = [
  {
    sourceUrl: 'https://huggingface.co/LiquidAI/LFM2-700M',
    threads: 2,
    figures: [
      // ONNX Runtime reads the prompt 2× faster (48.3 s against 97.6 s) but its 4-bit MatMulNBits has no
      // WASM kernel for one row at a time: 0.5 tokens/s, so a 150-token answer takes 348 s against 119 s.
      { engine: 'wllama', quantization: 'Q4_K_M', firstTokenMs: 97_626, decodeTokensPerSecond: 7 },
      { engine: 'transformers', quantization: 'q4', firstTokenMs: 48_331, decodeTokensPerSecond: 0.5 },
    ],
  },
  {
    sourceUrl: 'https://huggingface.co/HuggingFaceTB/SmolLM2-135M-Instruct',
    threads: 2,
    figures: [
      // ONNX Runtime reads the prompt faster (5.4 s against 21.2 s) but decodes the q4 file at 2.45 tokens/s
      // against llama.cpp's 15.05, so a 150-token answer comes sooner from llama.cpp (31.2 s against 66.6 s).
      { engine: 'wllama', quantization: 'Q8_0', firstTokenMs: 21_204, decodeTokensPerSecond: 15.05 },
      { engine: 'transformers', quantization: 'q4', firstTokenMs: 5_369, decodeTokensPerSecond: 2.45 },
    ],
  },
  {
    sourceUrl: 'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct',
    threads: 2,
    figures: [
      { engine: 'wllama', quantization: 'Q4_0', firstTokenMs: 82_204, decodeTokensPerSecond: 3.75 },
      { engine: 'transformers', quantization: 'q8', firstTokenMs: 7_225, decodeTokensPerSecond: 7.55 },
    ],
  },
];
