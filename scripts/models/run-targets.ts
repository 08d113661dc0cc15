/** Runs targets: skip what is current, build the rest, record sha256s, then check every output. */
import type { FileRef } from './mirror.ts';
import type { BuildContext, Target } from './target.ts';
import { lfm2Target } from './target-lfm2.ts';
import { lfm2OnnxTarget, tinyLfm2Target } from './target-lfm2-onnx.ts';
import { miniLmTarget } from './target-minilm.ts';
import { smolLm2Target } from './target-smollm2.ts';
import { qwen25OnnxTarget, smolLm2OnnxTarget, tinyDecoderTarget } from './target-decoders.ts';
import { qwen25GgufTarget } from './target-qwen25-gguf.ts';
import { storiesTarget } from './target-stories.ts';
import { tinyBertTarget, tinyBertWideTarget } from './target-tiny-bert.ts';
import { tinyRerankerTarget } from './target-tiny-reranker.ts';

export const ALL_TARGETS: readonly Target[] = [
  tinyBertTarget, tinyBertWideTarget, tinyRerankerTarget, tinyDecoderTarget, tinyLfm2Target, miniLmTarget, smolLm2Target, lfm2Target, storiesTarget,
  smolLm2OnnxTarget, qwen25OnnxTarget, qwen25GgufTarget, lfm2OnnxTarget,
];

export type TargetStatus = 'built' | 'kept' | 'skipped' | 'failed';

export interface TargetReport {
  target: Target;
  status: TargetStatus;
  /** Why it was skipped or failed. */
  message?: string;
  seconds: number;
  files: (FileRef & { size: number; sha256: string })[];
  problems: string[];
}

/** Targets named by --only values (ids or group names); all of them when `only` is empty. */
export function selectTargets(only: readonly string[]): Target[] {
  if (only.length === 0) return [...ALL_TARGETS];
  const unknown = only.filter((name) => !ALL_TARGETS.some((t) => t.id === name || t.groups.includes(name)));
  if (unknown.length) throw new Error(`unknown --only value(s): ${unknown.join(', ')}`);
  return ALL_TARGETS.filter((t) => only.includes(t.id) || t.groups.some((g) => only.includes(g)));
}

export async function runTarget(target: Target, ctx: BuildContext, force: boolean): Promise<TargetReport> {
  const started = performance.now();
  const report = (status: TargetStatus, rest: Partial<TargetReport> = {}): TargetReport => ({
    target, status, seconds: (performance.now() - started) / 1000, files: [], problems: [], ...rest,
  });
  const why = target.unavailable?.(ctx);
  if (why) return report('skipped', { message: why });

  const recipe = await target.recipe(ctx);
  let status: TargetStatus = 'kept';
  const current = await Promise.all(target.outputs.map((ref) => ctx.mirror.isCurrent(ref, recipe)));
  if (force || !current.every(Boolean)) {
    try {
      await target.build(ctx);
    } catch (err) {
      return report('failed', { message: (err as Error).message });
    }
    status = 'built';
  }
  const files = [];
  for (const ref of target.outputs) {
    const entry = status === 'built' ? await ctx.mirror.record(ref, recipe) : ctx.mirror.entry(ref)!;
    files.push({ ...ref, size: entry.size, sha256: entry.sha256 });
  }
  const problems = await target.check(ctx);
  return report(problems.length ? 'failed' : status, {
    files, problems, message: problems.length ? 'written files do not match the published shapes' : undefined,
  });
}
