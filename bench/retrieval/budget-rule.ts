/**
 * The rule that sets the CPU engine's passage budget from the answer-recall curve. Each budget is a
 * point (mean passage tokens actually sent, answer recall). Passages are whole, so the raw curve
 * zig-zags (a 500-character step sometimes adds a passage, sometimes not); the rule walks the upper
 * concave hull of the points instead — the best recall any budget buys per token — whose slopes
 * only fall, and keeps the last budget reached by a segment that still buys at least `minPoints`
 * recall points per 1,000 more tokens. Beyond it, every budget buys less than that.
 */

export interface CurvePoint {
  budget: number;
  /** Answer recall, 0…1. */
  recall: number;
  /** Mean tokens of passages sent. */
  tokens: number;
}

export interface HullStep {
  /** The budget this segment of the hull ends at. */
  budget: number;
  /** Recall points gained per 1,000 more tokens sent on the way there. */
  pointsPer1k: number;
}

export interface BudgetChoice {
  budget: number;
  /** The hull after its first point, in order; slopes fall. */
  steps: HullStep[];
}

/** (a − o) × (b − o): ≥ 0 when `a` is on or below the line from `o` to `b`. */
function cross(o: CurvePoint, a: CurvePoint, b: CurvePoint): number {
  return (a.tokens - o.tokens) * (b.recall - o.recall) - (a.recall - o.recall) * (b.tokens - o.tokens);
}

/** The upper concave hull, fewest tokens first; of points that send the same, the best (then the smallest budget). */
export function upperHull(points: readonly CurvePoint[]): CurvePoint[] {
  const sorted = [...points].sort((a, b) => a.tokens - b.tokens || b.recall - a.recall || a.budget - b.budget);
  const hull: CurvePoint[] = [];
  for (const p of sorted) {
    if (hull.length > 0 && (hull[hull.length - 1] as CurvePoint).tokens === p.tokens) continue;
    while (hull.length >= 2 && cross(hull[hull.length - 2] as CurvePoint, hull[hull.length - 1] as CurvePoint, p) >= 0) hull.pop();
    hull.push(p);
  }
  return hull;
}

export function chooseBudget(points: readonly CurvePoint[], minPoints: number): BudgetChoice {
  const hull = upperHull(points);
  const first = hull[0];
  if (!first) throw new Error('chooseBudget: no points');
  const steps = hull.slice(1).map((p, i) => {
    const prev = hull[i] as CurvePoint;
    return { budget: p.budget, pointsPer1k: ((p.recall - prev.recall) * 100) / ((p.tokens - prev.tokens) / 1000) };
  });
  let budget = first.budget;
  for (const s of steps) {
    if (s.pointsPer1k < minPoints) break;
    budget = s.budget;
  }
  return { budget, steps };
}
