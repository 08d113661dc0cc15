/** One measured number, as every benchmark suite reports it (the harness may move this type). */
export interface Figure {
  suite: string;
  name: string;
  unit: string;
  value: number;
  /** What the value is compared with: a published reference, a target, or another library. */
  baseline?: { name: string; value: number };
  /** value / baseline.value. */
  ratio?: number;
  note?: string;
  /** Which direction is an improvement; quality scores are 'higher' (the default), times 'lower'. */
  better?: 'higher' | 'lower';
}
