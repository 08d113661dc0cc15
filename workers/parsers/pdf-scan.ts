/**
 * Does a page (with little or no text) show a large image, as a scan does? Read from the page's
 * operator list: the current transform is followed through save/restore/transform and form
 * XObjects, and every image paints the unit square under it. A blank page or one of vector
 * drawings only has nothing to read, so it is not reported as a scan.
 */

/** The operator numbers used here (pdf.js `OPS`). */
export interface ImageOps {
  save: number;
  restore: number;
  transform: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  paintImageXObject: number;
  paintInlineImageXObject: number;
  paintImageMaskXObject: number;
  paintImageXObjectRepeat: number;
  paintImageMaskXObjectRepeat: number;
  paintInlineImageXObjectGroup: number;
  paintImageMaskXObjectGroup: number;
}

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: readonly number[]): Matrix {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = n;
  return [
    a * m[0] + b * m[2],
    a * m[1] + b * m[3],
    c * m[0] + d * m[2],
    c * m[1] + d * m[3],
    e * m[0] + f * m[2] + m[4],
    e * m[1] + f * m[3] + m[5],
  ];
}

/** Share of the page's area (0–1) covered by images. */
export function imageCoverage(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, ops: ImageOps, pageArea: number): number {
  if (!(pageArea > 0)) return 0;
  const images = new Set([
    ops.paintImageXObject,
    ops.paintInlineImageXObject,
    ops.paintImageMaskXObject,
    ops.paintImageXObjectRepeat,
    ops.paintImageMaskXObjectRepeat,
    ops.paintInlineImageXObjectGroup,
    ops.paintImageMaskXObjectGroup,
  ]);
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let covered = 0;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i];
    if (fn === ops.save || fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix = fn === ops.paintFormXObjectBegin && Array.isArray(args) ? (args[0] as ArrayLike<number> | null) : null;
      if (matrix && matrix.length === 6) ctm = multiply(ctm, Array.from(matrix));
    } else if (fn === ops.restore || fn === ops.paintFormXObjectEnd) {
      ctm = stack.pop() ?? ctm;
    } else if (fn === ops.transform && Array.isArray(args)) {
      ctm = multiply(ctm, args as number[]);
    } else if (images.has(fn)) {
      covered += Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
      if (covered >= pageArea) return 1;
    }
  }
  return covered / pageArea;
}

/** An image over this share of the page makes a page without text a scan. */
export const SCAN_COVERAGE = 0.3;
