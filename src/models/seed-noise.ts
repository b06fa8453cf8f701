/**
 * The seeds' noise of a simulated measurement read at several range levels on the same seeds:
 * means over seeds (with one left out, for the jackknife), and the standard error of what a range
 * rule extrapolates from the levels' means.
 */

export const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** the mean of xs but its entry `skip` (-1: all) */
export const meanBut = (xs: number[], skip: number): number => (xs.reduce((a, b) => a + b, 0) - (skip >= 0 ? xs[skip]! : 0)) / (xs.length - (skip >= 0 ? 1 : 0));

/** jackknife standard error of a statistic f(skip) of N seeds, f(s) computed without seed s */
export function jackknife(N: number, f: (skip: number) => number): number {
  const xs = Array.from({ length: N }, (_, s) => f(s));
  const m = mean(xs);
  return Math.sqrt(((N - 1) / N) * xs.reduce((a, x) => a + (x - m) ** 2, 0));
}

/**
 * The seeds' noise as it reaches a range rule, for an error read at levels 0..upTo (every level
 * on the same N seeds). errorOf(l, skip): the error at level l, in the equation's scale, from the
 * mean over the seeds but `skip` (-1: all); limitOf(errors, reference, noise): what the rule
 * extrapolates from three or more levels' errors at a stated noise, its geometric tail switched
 * as for `reference`, the errors on all the seeds (the last error is taken for fewer).
 * - The noise of the errors themselves: the jackknife standard error of the error at upTo, and
 *   twice that of the last step (a rule that reads the last step as the convergence's
 *   uncertainty sees it reach twice its standard error one time in twenty under noise alone; the
 *   levels' shared noise cancels in it as in the mean).
 * - The rule takes no geometric tail from steps within the noise it is told. Where it takes one,
 *   the seeds' noise reaches the limit amplified (the tail adds the last step again, by a ratio
 *   that is itself noisy): the jackknife standard error of the extrapolated limit, the tail
 *   switched as on all the seeds (a jackknife needs a smooth statistic: one seed left out
 *   switching the tail on or off is a jump of up to four steps).
 * - A tail whose noise exceeds one of its two steps is not resolved: the noise stated is then the
 *   smaller step (at least the errors' own), so that the rule, which decides its tail at the
 *   noise stated, takes none. So the rule takes a tail only where this noise is stated with it.
 */
export function noiseOnLimit(N: number, upTo: number, errorOf: (l: number, skip: number) => number, limitOf: (errors: number[], reference: number[], noise: number) => number): number {
  const errors = (skip: number): number[] => Array.from({ length: upTo + 1 }, (_, l) => errorOf(l, skip));
  const step = upTo >= 1 ? jackknife(N, (s) => errorOf(upTo, s) - errorOf(upTo - 1, s)) : 0;
  const noise = Math.max(2 * step, jackknife(N, (s) => errorOf(upTo, s)));
  if (upTo < 2) return noise;
  const whole = errors(-1);
  const limit = jackknife(N, (s) => limitOf(errors(s), whole, noise));
  if (!Number.isFinite(limit)) return Infinity;
  const smaller = Math.min(Math.abs(whole[upTo]! - whole[upTo - 1]!), Math.abs(whole[upTo - 1]! - whole[upTo - 2]!));
  // a hair over the step: the rule reads the same errors from the encoding, in its own arithmetic
  return limit < smaller ? Math.max(limit, noise) : Math.max(smaller * (1 + 1e-6), noise);
}
