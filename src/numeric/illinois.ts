/**
 * Root of an increasing function on [lo, hi] (f(lo) < 0 < f(hi)) by the Illinois variant of
 * regula falsi, to relative width tol: superlinear on smooth functions, and bracketed, so it
 * cannot leave [lo, hi] on the steep or flat stretches the state-evolution equations have.
 * Hand-written: a dozen lines, where a library's root finder would bring its own conventions
 * for the bracket and the tolerance.
 */
export function illinois(f: (x: number) => number, lo: number, hi: number, flo: number, fhi: number, tol: number, maxSteps = 300): number {
  let side = 0;
  for (let it = 0; it < maxSteps && hi - lo > tol * (Math.abs(lo) + Math.abs(hi) + 1e-300); it++) {
    const x = (lo * fhi - hi * flo) / (fhi - flo);
    const fx = f(x);
    if (fx === 0) return x;
    if (fx < 0) {
      lo = x;
      flo = fx;
      // the same end kept twice: halve the other's value so the secant moves it
      if (side === -1) fhi /= 2;
      side = -1;
    } else {
      hi = x;
      fhi = fx;
      if (side === 1) flo /= 2;
      side = 1;
    }
  }
  return (lo + hi) / 2;
}
