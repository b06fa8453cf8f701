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
 * mean over the seeds but `skip` (-1: all); limitOf(errors, reference): what the rule extrapolates
 * from three or more levels' errors, its geometric tail switched as for `reference`, the errors on
 * all the seeds (the last error is taken for fewer): a jackknife needs a smooth statistic, and one
 * seed left out must not switch the tail on or off (a jump of up to four steps, which read as seed
 * noise inflated the stated uncertainty 5-15 times on one seed set in five). The rule extrapolates the errors of
 * the mean, so a seed's noise reaches the limit amplified (a geometric tail adds the last step
 * again): the jackknife standard error of the extrapolated limit (each seed left out in turn, the
 * extrapolation redone); and a rule that reads the last step as the convergence's uncertainty sees
 * it reach twice its standard error one time in twenty under noise alone: twice the jackknife
 * standard error of the last step (the levels' shared noise cancels in it as in the mean). At
 * least the jackknife standard error of the error at upTo.
 */
export function noiseOnLimit(N: number, upTo: number, errorOf: (l: number, skip: number) => number, limitOf: (errors: number[], reference: number[]) => number): number {
  const errors = (skip: number): number[] => Array.from({ length: upTo + 1 }, (_, l) => errorOf(l, skip));
  const whole = errors(-1);
  const limit = jackknife(N, (s) => {
    const e = errors(s);
    return e.length >= 3 ? limitOf(e, whole) : e[e.length - 1]!;
  });
  const step = upTo >= 1 ? jackknife(N, (s) => errorOf(upTo, s) - errorOf(upTo - 1, s)) : 0;
  const last = jackknife(N, (s) => errorOf(upTo, s));
  return Math.max(Number.isFinite(limit) ? limit : Infinity, 2 * step, last);
}
