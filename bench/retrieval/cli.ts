/**
 * Run the retrieval-quality benchmark alone and print a table:
 *   npx tsx bench/retrieval/cli.ts [datasetsDir]   (default: ../shared/datasets beside the project)
 */
import { join } from 'node:path';
import { runRetrievalQuality, type Figure } from './quality';

function fmt(value: number, unit: string): string {
  return unit === 'ms' ? value.toFixed(value < 10 ? 3 : 1) : value.toFixed(4);
}

function row(f: Figure): string[] {
  const baseline = f.baseline ? `${fmt(f.baseline.value, f.unit)} (${f.baseline.name})` : '';
  const ratio = f.ratio === undefined ? '' : `${f.ratio.toFixed(3)}×`;
  return [f.name, `${fmt(f.value, f.unit)} ${f.unit}`, baseline, ratio, f.note ?? ''];
}

const datasetsDir = process.argv[2] ?? join(import.meta.dirname, '../../../shared/datasets');
const figures = await runRetrievalQuality({ datasetsDir });
if (figures.length > 0) {
  const rows = [['Figure', 'Value', 'Baseline', 'Ratio', 'Note'], ...figures.map(row)];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ').trimEnd());
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  }
}
