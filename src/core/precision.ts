import { Decimal } from 'decimal.js';

/**
 * The precision-scaling rule. A case is evaluated at two working precisions lo < hi.
 * - holds: the residual at hi is below 10^(-tau*hi) and it fell from lo to hi by at least a
 *   quarter of the added digits scaled by tau (or sits at the floor of hi);
 * - fails: it stays put (within two decades) above the tolerance of lo: a refutation;
 * - wanders: anything else (it moved, but not as a true identity's residual does): inconclusive.
 */
export type CaseOutcome = 'holds' | 'fails' | 'wanders';

/** log10 |x| to double precision, read off the decimal exponent (Decimal#log costs a millisecond); -Infinity at 0. */
export function log10(x: Decimal): number {
  const [mantissa, exponent] = x.abs().toExponential(16).split('e') as [string, string];
  return Math.log10(Number(mantissa)) + Number(exponent);
}

export function classify(rLo: Decimal, rHi: Decimal, lo: number, hi: number, tau: number): CaseOutcome {
  if (!rLo.isFinite() || !rHi.isFinite()) return 'wanders';
  const a = log10(rLo);
  const b = log10(rHi);
  // a residual of exactly 0 (b = -Infinity) is at the floor
  const atFloor = b <= -0.9 * hi;
  const fell = a - b >= 0.25 * tau * (hi - lo) || atFloor;
  if (fell && b <= -tau * hi) return 'holds';
  if (b > -tau * lo && Math.abs(a - b) <= 2) return 'fails';
  return 'wanders';
}

/**
 * The range rule for scaling claims, on the residuals e_1..e_m at growing ranges:
 * - holds: e_m is below the tolerance and the error shrank overall (or every e_i is already a
 *   tenth of the tolerance: converged at the narrowest range);
 * - fails: e_m is above the tolerance and the last step did not shrink it (e_m >= 0.7 e_(m-1)):
 *   the measurement converges to something else;
 * - wanders: above the tolerance but still shrinking: the range is too short to decide.
 */
export function classifyRange(errors: Decimal[], tolerance: number): CaseOutcome {
  if (errors.length < 2 || errors.some((e) => !e.isFinite())) return 'wanders';
  const tol = new Decimal(tolerance);
  const first = errors[0]!;
  const last = errors[errors.length - 1]!;
  const prev = errors[errors.length - 2]!;
  const largest = Decimal.max(...errors);
  if (last.lte(tol) && (last.lt(first) || largest.lte(tol.div(10)))) return 'holds';
  if (last.gt(tol) && last.gte(prev.mul(0.7))) return 'fails';
  return 'wanders';
}
