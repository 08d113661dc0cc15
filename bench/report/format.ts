/** Number formatting shared by the console table and the markdown table. */

/** Three significant digits, no exponent for everyday magnitudes: 0.0123, 1.23, 123, 12,300. */
export function fmt(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toLocaleString('en-US');
  if (abs < 0.001) return x.toExponential(2);
  return Number(x.toPrecision(3)).toString();
}

export function fmtRatio(r: number | undefined): string {
  return r === undefined ? '–' : `${fmt(r)}×`;
}
