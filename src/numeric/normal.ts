/**
 * The standard normal density and upper tail in float64, accurate to about 1e-14 relative
 * over the whole line (no 1 - erf cancellation in the tail):
 * - |x| < 3: Phi(x) - 1/2 = phi(x) sum x^(2k+1) / (1*3*...*(2k+1)) (positive terms only);
 * - x >= 3: Q(x) = phi(x) R(x), the Mills ratio R by its continued fraction (Lentz).
 */
const INV_SQRT_2PI = 0.3989422804014327;

export function phi(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Mills ratio R(x) = Q(x) / phi(x) for x >= 3: R = 1/(x + 1/(x + 2/(x + 3/(x + ...)))). */
function millsCF(x: number): number {
  const tiny = 1e-300;
  // modified Lentz on b0 = x, a_k = k, b_k = x
  let f = x;
  let C = f;
  let D = 0;
  for (let k = 1; k < 500; k++) {
    D = x + k * D;
    D = D === 0 ? tiny : D;
    C = x + k / C;
    C = C === 0 ? tiny : C;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}

/** Q(x) = P(Z > x). */
export function normalQ(x: number): number {
  if (x >= 3) return phi(x) * millsCF(x);
  if (x <= -3) return 1 - phi(-x) * millsCF(-x);
  // Marsaglia's series for Phi(x) - 1/2
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let k = 1; Math.abs(term) > 1e-17 * Math.abs(sum); k++) {
    term *= x2 / (2 * k + 1);
    sum += term;
  }
  return 0.5 - phi(x) * sum;
}

/** The Mills ratio Q(x)/phi(x) for x >= 0 (used where phi underflows relative to Q). */
export function millsRatio(x: number): number {
  return x >= 3 ? millsCF(x) : normalQ(x) / phi(x);
}
