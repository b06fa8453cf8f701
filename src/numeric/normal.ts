/**
 * The standard normal density and upper tail in float64, accurate to about 1e-14 relative
 * over the whole line (no 1 - erf cancellation in the tail):
 * - |x| < 3: Phi(x) - 1/2 = phi(x) sum x^(2k+1) / (1*3*...*(2k+1)) (positive terms only);
 * - x >= 3: Q(x) = phi(x) R(x), the Mills ratio R by its continued fraction.
 */
const INV_SQRT_2PI = 0.3989422804014327;

export function phi(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Mills ratio R(x) = Q(x) / phi(x) for x >= 3: R = 1/(x + 1/(x + 2/(x + 3/(x + ...)))), evaluated
 * bottom-up at a fixed depth; the truncation error falls like exp(-2 x sqrt(depth)), so a depth
 * of 500/x^2 + 20 keeps it near 1e-15 for every x >= 3.
 */
function millsCF(x: number): number {
  const depth = Math.ceil(500 / (x * x)) + 20;
  let f = x;
  for (let k = depth; k >= 1; k--) f = x + k / f;
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

/**
 * The z of a two-sided test that, run M times at once (independently), is passed by chance as
 * often as one test at z1: 1 - (1 - 2 Q(z))^M = 2 Q(z1) (Sidak). Correlated tests pass more often,
 * so this z is on the safe side for them too. Bisection on z in [z1, z1 + 10]: Q is monotone.
 */
export function familywiseZ(M: number, z1 = 3): number {
  if (!Number.isInteger(M) || M < 1) throw new Error(`familywiseZ: M must be a positive integer (got ${M})`);
  // -expm1(log1p(-p) / M): the per-test tail without cancellation when p is tiny
  const each = -Math.expm1(Math.log1p(-2 * normalQ(z1)) / M) / 2;
  let lo = z1;
  let hi = z1 + 10;
  for (let k = 0; k < 200 && hi - lo > 1e-13; k++) {
    const mid = (lo + hi) / 2;
    if (normalQ(mid) > each) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
