import { Decimal } from 'decimal.js';
import { log10 } from '../symbolic/numeric.js';

/**
 * The precision-scaling rule. A case is evaluated at two working precisions lo < hi.
 * - holds: the residual at hi is below 10^(-tau*hi) and it fell from lo to hi by at least a
 *   quarter of the added digits scaled by tau (or sits at the floor of hi);
 * - fails: it stays put (within two decades) above the tolerance of lo: a refutation;
 * - wanders: anything else (it moved, but not as a true identity's residual does): inconclusive.
 */
export type CaseOutcome = 'holds' | 'fails' | 'wanders';

export { log10 };

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

/** How many uncertainties the extrapolated gap may reach and still hold; refuted beyond twice that. */
export const RANGE_K = 3;
/** A convergence ratio at or above this is too slow to extrapolate geometrically. */
const MAX_RATIO = 0.8;

/** One equation's error as the range grows: where it is heading, and how well that is known. */
export interface RangeEstimate {
  /** the extrapolated error at infinite range */
  limit: number;
  /** its uncertainty, from the measurement's own convergence */
  uncertainty: number;
  /**
   * the error in the formula beyond which this case refutes every error: 2U (U = max(K *
   * uncertainty, floor)) plus the largest of |limit|, |e_m|, |e_(m-1)|
   */
  resolution: number;
  /** what set it: the measurement's convergence, the uncertainty it states, or the claim's floor */
  source: ResolutionSource;
  outcome: CaseOutcome;
}

export type ResolutionSource = 'convergence' | 'stated' | 'floor';

/** The ratio of the last two steps of e_1..e_j (0 where the step before is 0). */
function ratioOf(e: number[], j: number): number {
  const before = e[j - 2]! - e[j - 3]!;
  return before === 0 ? 0 : (e[j - 1]! - e[j - 2]!) / before;
}

/**
 * Whether the last two steps of e_1..e_j converge geometrically: a ratio in (0, 0.8), and both
 * steps beyond `noise`, the uncertainty the measurement states for itself (two steps within the
 * seeds' noise have a ratio of noise, not of convergence).
 */
function geometric(e: number[], j: number, noise: number): boolean {
  const r = ratioOf(e, j);
  return r > 0 && r < MAX_RATIO && Math.abs(e[j - 1]! - e[j - 2]!) > noise && Math.abs(e[j - 2]! - e[j - 3]!) > noise;
}

/**
 * Extrapolated limit of e_1..e_j and its uncertainty (needs j >= 2), the geometric tail decided
 * on `tailFrom` (by default e itself; see extrapolatedLimit) at the stated `noise`.
 */
function extrapolate(e: number[], j: number, noise: number, tailFrom: number[] = e): { limit: number; uncertainty: number } {
  const last = e[j - 1]!;
  const step = last - e[j - 2]!;
  if (j >= 3) {
    // monotone geometric convergence (a power-law correction over windows of equal log width):
    // add the rest of the geometric series; what it adds is itself uncertain
    if (geometric(tailFrom, j, noise)) {
      const ratio = Math.min(Math.max(ratioOf(e, j), 0), MAX_RATIO);
      const rest = (step * ratio) / (1 - ratio);
      return { limit: last + rest, uncertainty: Math.abs(rest) };
    }
  }
  // anything else: the last value, known no better than the last step moved it
  return { limit: last, uncertainty: Math.abs(step) };
}

/**
 * The limit the range rule extrapolates from e_1..e_m (m >= 2) at the stated `noise`, with the
 * geometric tail switched on or off as for `reference`, the same measurement on its whole sample,
 * and its ratio held in [0, 0.8]: a smooth function of the errors near the reference, as a
 * jackknife needs (leaving one seed out must not switch the tail, a jump of up to four steps: the
 * rule's own uncertainty already covers the tail it adds). With reference = errors it is the
 * rule's limit.
 */
export function extrapolatedLimit(errors: number[], reference: number[] = errors, noise = 0): number {
  if (errors.length < 2 || reference.length !== errors.length) return Number.NaN;
  return extrapolate(errors, errors.length, noise, reference).limit;
}

/**
 * The range rule for scaling claims, on one equation's signed errors e_1..e_m (measured minus
 * formula, in the equation's scale) at growing ranges, and the uncertainty the measurement states
 * for itself at the widest range (`measured`: a standard error over seeds, 0 for a deterministic
 * route). The errors are extrapolated to infinite range (a geometric tail where they converge
 * monotonically by steps beyond the stated noise, the last value otherwise); the uncertainty u is
 * what the extrapolation added, or the last step, and the spread between the last two
 * extrapolations, and at least the stated one; U = max(K u, floor). Then
 * - holds: |limit| <= U (or within K stated uncertainties), and u is smaller than the
 *   uncertainty of the extrapolation one range earlier; or u is within the stated uncertainty, or
 *   within K of it where the last three steps reversed (noise swings back, a drift does not: a
 *   convergence the noise hides cannot be seen to shrink); or the last step is within the
 *   floor, or U is the floor. Where the stated uncertainty is one of several noisy tests run at
 *   once, `holdK` (at most 2K) replaces K in both stated bands, so that a true formula's error
 *   leaves its band by chance no more often than one test's at K (see familywiseZ);
 * - fails: |limit|, |e_m| and |e_(m-1)| all exceed 2U: a gap that persists;
 * - wanders: anything else, or fewer than three ranges, or a non-finite error.
 * The resolution R = 2U + max(|limit|, |e_m|, |e_(m-1)|): a formula off by more than R is refuted
 * whichever way it is off (a shift moves all three by the same amount and leaves U alone); one
 * off by less may not be.
 */
export function classifyRange(errors: number[], floor = 0, measured = 0, holdK = RANGE_K): RangeEstimate {
  const m = errors.length;
  if (m < 3 || errors.some((e) => !Number.isFinite(e)) || !Number.isFinite(measured)) return { limit: Number.NaN, uncertainty: Number.NaN, resolution: Number.NaN, source: 'convergence', outcome: 'wanders' };
  const now = extrapolate(errors, m, measured);
  const before = extrapolate(errors, m - 1, measured);
  const converging = Math.max(now.uncertainty, Math.abs(now.limit - before.limit));
  const uncertainty = Math.max(converging, measured);
  const U = Math.max(RANGE_K * uncertainty, floor);
  const band = Math.min(Math.max(holdK, RANGE_K), 2 * RANGE_K) * measured;
  const last = errors[m - 1]! - errors[m - 2]!;
  // a step against the last among the three before it (two where there are only three errors)
  const tail = errors.slice(-4);
  const reversed = tail.slice(1).some((e, i) => (e - tail[i]!) * last < 0);
  // the convergence's uncertainty must have shrunk as the range grew (one that grew is no
  // convergence yet), unless the stated uncertainty covers it; or it swung back within the band
  // (noise reverses, a drift does not); or the errors stopped moving within the floor
  const shrank = converging < before.uncertainty || converging <= measured || (reversed && converging <= band) || Math.abs(last) <= floor || U === floor;
  const gap = Math.abs(now.limit);
  let outcome: CaseOutcome = 'wanders';
  // the stated band stays within 2U: holding and failing never meet
  if ((gap <= U || gap <= band) && shrank) outcome = 'holds';
  else if (gap > 2 * U && Math.abs(errors[m - 1]!) > 2 * U && Math.abs(errors[m - 2]!) > 2 * U) outcome = 'fails';
  const source: ResolutionSource = U === floor && floor > 0 ? 'floor' : measured >= converging && measured > 0 ? 'stated' : 'convergence';
  // a formula off by delta shifts the limit and every error by delta (U does not move): it fails
  // once each of the three it tests is beyond 2U, so every |delta| over 2U plus the largest of
  // them is refuted, and nothing smaller is sure to be
  const reach = Math.max(gap, Math.abs(errors[m - 1]!), Math.abs(errors[m - 2]!));
  return { limit: now.limit, uncertainty, resolution: 2 * U + reach, source, outcome };
}
