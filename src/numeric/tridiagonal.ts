/**
 * All eigenvalues of a symmetric tridiagonal matrix in double precision by the implicit QL
 * algorithm with Wilkinson shifts (eigenvalues only: O(p^2) for p of them, where a dense
 * decomposition costs O(p^3)). The deflation test is relative to the neighbouring diagonal
 * entries, so the small eigenvalues of a graded matrix (a Gram matrix near singularity) keep
 * their relative accuracy better than an absolute test would give them; a coupling at eps^2 of
 * the norm counts as zero too (a zero diagonal next to tiny couplings never passes the relative test).
 */

/** sqrt(x^2 + y^2), through Math.hypot (slower) only where the squares would underflow or overflow */
const hyp = (x: number, y: number): number => {
  const s = x * x + y * y;
  return s > 1e-290 && s < 1e290 ? Math.sqrt(s) : Math.hypot(x, y);
};

/**
 * The eigenvalues of the tridiagonal with diagonal `diag` (p) and off-diagonal `off` (p - 1),
 * in no particular order. The inputs are left untouched.
 */
export function tridiagonalEigenvalues(diag: ArrayLike<number>, off: ArrayLike<number>, maxIter = 60): Float64Array {
  const p = diag.length;
  if (off.length !== Math.max(0, p - 1)) throw new RangeError(`a tridiagonal of order ${p} has ${Math.max(0, p - 1)} off-diagonal entries, got ${off.length}`);
  const d = Float64Array.from(diag);
  // e[i] couples i and i + 1; e[p - 1] = 0 ends every search for a negligible coupling
  const e = new Float64Array(p);
  let norm = 0;
  for (let i = 0; i < p - 1; i++) e[i] = off[i]!;
  for (let i = 0; i < p; i++) norm = Math.max(norm, Math.abs(d[i]!) + Math.abs(e[i]!) + (i > 0 ? Math.abs(e[i - 1]!) : 0));
  const floor = Math.max(Number.EPSILON ** 2 * norm, Number.MIN_VALUE);
  for (let l = 0; l < p; l++) {
    for (let iter = 0; ; iter++) {
      let m = l;
      for (; m < p - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * dd || Math.abs(e[m]!) <= floor) break;
      }
      if (m === l) break;
      if (iter >= maxIter) throw new Error(`QL did not converge at eigenvalue ${l} of ${p}`);
      // Wilkinson shift from the leading 2 x 2 block
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = hyp(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let q = 0;
      let i = m - 1;
      let underflow = false;
      for (; i >= l; i--) {
        const f = s * e[i]!;
        const b = c * e[i]!;
        r = hyp(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // the rotation vanished: deflate here and start again
          d[i + 1]! -= q;
          e[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - q;
        r = (d[i]! - g) * s + 2 * c * b;
        q = s * r;
        d[i + 1] = g + q;
        g = c * r - b;
      }
      if (underflow) continue;
      d[l]! -= q;
      e[l] = g;
      e[m] = 0;
    }
  }
  return d;
}
