/**
 * transport.double-descent-shells: the spectral reading of double descent, the min-norm variance
 * term split over logarithmic shells of the sample covariance's spectrum (arXiv 2512.10427 /
 * 2512.18209 read double descent in the spectral-shell language; the model is that of
 * transport.double-descent: x ~ N(0, I_d), n samples, gamma = d / n, beta_hat = X^+ y).
 *
 * The variance term is sigma^2 tr G^-1 = sigma^2 sum_i 1 / (n lambda_i) over the p = min(n, d)
 * nonzero eigenvalues lambda_i of X^T X / n. The shells: K = 3 equal logarithmic shells between
 * the Marchenko–Pastur edges lambda_-+ = (1 -+ sqrt(gamma))^2, cut at
 * lambda_- ^(1 - k/K) lambda_+ ^(k/K), the lowest open below and the highest above (at finite n a
 * few eigenvalues stray past the edges). share_k = E sum_{shell k} 1/(n lambda_i) / E tr G^-1.
 *
 * Derivation. Normalised over the nonzero eigenvalues, the Marchenko–Pastur density is
 * rho(x) = sqrt((lambda_+ - x)(x - lambda_-)) / (2 pi min(gamma, 1) x) on either side of gamma = 1
 * (for gamma > 1 the d - n zero eigenvalues are left out: they are no part of tr G^-1). The
 * variance weights it by 1/x, so share_k -> int_{shell k} sqrt((b - x)(x - a)) x^-2 dx over the
 * same on [a, b] (a, b = lambda_-+), and with R = (b - x)(x - a) = -x^2 + (a + b) x - ab,
 *   int sqrt(R) x^-2 dx = -sqrt(R)/x + (a + b)/(2 sqrt(ab)) int dx/(x sqrt R) - int dx/sqrt R,
 *   int dx/sqrt R = 2 atan2(sqrt(x - a), sqrt(b - x)),
 *   int dx/(x sqrt R) = (2/sqrt(ab)) atan2(sqrt(b (x - a)), sqrt(a (b - x)))
 * (atan2 forms of the two arcsines, well conditioned at both edges): W below. Its total over [a, b]
 * is pi (sqrt b - sqrt a)^2 / (2 sqrt(ab)) = 2 pi min(gamma, 1) / |1 - gamma|, i.e. E 1/lambda =
 * 1/|1 - gamma|, the divergence of the risk.
 * Mirror: lambda_-+(1/gamma) = lambda_-+(gamma) / gamma and the 1/x-weighted law normalised is
 * scale free, so share_k(gamma) = share_k(1/gamma): both sides of the threshold have one law (at
 * finite size too, both Gram matrices being Wishart W_p(m) with p/m = min(gamma, 1/gamma)).
 * The threshold: with u = x / lambda_- and eps = |1 - sqrt(gamma)| -> 0 (lambda_- = eps^2,
 * lambda_+ -> 4), the weighted law tends to (2/pi) sqrt(u - 1) u^-2 du on [1, infinity): the
 * divergence sits at the lower edge, and only there. The lowest shell reaches u = U = (b/a)^(1/K),
 * so its deficit is the tail (2/pi) int_U^inf sqrt(u - 1) u^-2 du = (4/pi) U^-1/2 (1 + O(1/U)):
 *   1 - share_0 ~ (4/pi) ((1 - sqrt(gamma)) / (1 + sqrt(gamma)))^(1/K) ~ (4/pi) (|1 - gamma| / 4)^(1/K),
 * the lowest shell carries all of the variance as gamma -> 1 at the rate |1 - gamma|^(1/K) (1/3 here),
 * and shell k's share falls as |1 - gamma|^(k/K) (the tail u^-3/2 reaches every shell of the widening
 * log range: the bulk's variance is not bounded, and the deficit is not linear in |1 - gamma|). The
 * approach is slow: the local exponent of the deficit is 0.277 between |1 - gamma| = 0.5 and 0.2, 0.30
 * near 0.05 (relative corrections O((a/b)^(1/K))); at gamma = 0.8 the lowest shell holds 0.587. So the rate is checked as the closed form's local exponent over the measured
 * window, and 1/K stated, not fitted. (With shells of a fixed log width h instead, the edge
 * shell's share does not tend to 1: it tends to at most (2/pi) int_1^(e^h) sqrt(u - 1) u^-2 du,
 * 0.18 for octaves, the divergence spreading over the shells above the edge as u^-1/2.)
 *
 * Route. Designs in law (the Dumitriu–Edelman bidiagonal model, wishart-law.ts), all eigenvalues
 * of each Gram matrix by implicit QL on its tridiagonal (numeric/tridiagonal.ts), each 1/(n lambda)
 * added to its shell (models/wishart-shells.ts). At n = SHELL_N and SHELL_N / 4, the shares carry
 * an O(1/n) offset (+0.5/p to +1.8/p on the lowest shell, p = min(n, d)), removed by Richardson
 * extrapolation; the standard error (delta method on the ratio of means) is the stated
 * uncertainty, and every range level reads the one simulation (as in transport.double-descent):
 * a statistical test, refuted beyond 6 standard errors and holding within the 3-sigma band of
 * its ten simultaneous tests (3.6 standard errors each; the range rule's familywise band).
 *
 * Calibration (z = signed error / stated se, per equation, over case seeds; tmp-scratch/dds2).
 * With three cases of 60 designs and XOR-seeded streams, 180 seeds: mean z^2 1.06, |z| > 3 in
 * 8/1800 (0.44%; Gaussian 0.27%), in 7/180 cases; mean z within +-0.12 everywhere; the raw
 * shares' spread over their se at n and n/4 alone 0.93 to 1.08 (mean 1.01). So no bias worth the
 * name and at most a few per cent of se missing, part of it from the n and n/4 streams being
 * correlated (see stream). What made cases undecided was mostly multiplicity: 10 equations
 * (correlated: share 0 and share 1 at -0.96, edge and exponent at 0.9) give a calibrated Gaussian
 * case a |z| > 3 with probability 2.0%, and three cases per run 5.9%. Now one case of three times
 * the designs (the same time, the same information, se / sqrt 3) and hashed streams, 120 fresh
 * seeds: mean z^2 0.98, |z| > 2 in 4.5% (Gaussian 4.55%), |z| > 3 in 5/1200 (0.42%), in 4/120
 * cases (calibrated: 2.0%, so about 1 run in 50 was undecided by chance alone, before the range
 * rule held the ten tests to one 3-sigma band: 0.27%). The one bias seen:
 * share 0 at gamma = 1/2 sits +1.0e-4 +- 0.45e-4 above the law (share 1 -1.0e-4 +- 0.4e-4), the
 * O(1/n^2) remnant of the Richardson step: 0.2 se, 1/200 of the target.
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { defineClaim, type Figure } from '../src/api/index.js';
import { fmix32, Rng } from '../src/api/numeric.js';
import { Chi2, mpShellShares, shellCuts, shellVariance, type ShellVariance } from '../src/api/models.js';
import { richardson } from './double-descent.js';
import { memo } from './instances.js';

const SOURCE = 'arXiv:2512.10427; arXiv:2512.18209';

/** shells between the edges (3: the shares at gamma = 1/2 differ by 0.09 from shell to shell, far beyond the resolution; with 4 the lowest two are within 0.004) */
export const SHELLS = 3;
/**
 * Where the shares are measured: the spread of the variance over the shells at gamma = 1/2 and 2,
 * and the lowest shell's share next to the threshold at 0.8 and 1.25, either side
 */
export const GAMMAS_SPREAD = [0.5, 2];
export const GAMMAS_NEAR = [0.8, 1.25];
const GAMMAS = [...GAMMAS_SPREAD, ...GAMMAS_NEAR];
/** the sample size of the shell simulation, and of its Richardson partner SHELL_N / 4 */
export const SHELL_N = 400;
/**
 * designs at n = SHELL_N are SHELL_DESIGNS (n/p)^2 (4 times as many at n/4): the standard error of
 * a share falls as 1/(p sqrt(designs)) and the cost grows as p^2 designs, so every gamma costs the
 * same. All of the claim's time goes into one case (runs: 1): the extrapolated lowest share's
 * standard error is then 0.5e-3 (gamma = 1/2, 2) and 0.95e-3 (0.8, 1.25)
 */
export const SHELL_DESIGNS = 180;
/** the Richardson order of the shares' finite-size offset */
const SHELL_ORDER = 1;

export interface Shares {
  gamma: number;
  /** the extrapolated share per shell, and its standard error */
  share: number[];
  se: number[];
  /** the two sizes' own */
  at: ShellVariance;
  quarter: ShellVariance;
}

/**
 * A seeded stream per (seed, purpose, index), apart from transport.double-descent's. Hashed in
 * turn rather than XOR-ed with constants: XOR-ed, the n and n/4 seeds of a case differed by one
 * fixed mask at every seed, and at gamma = 1/2 the two runs' lowest shares came out correlated,
 * -0.13 +- 0.06 over 300 seeds (nothing significant at the other gammas; -0.002 +- 0.06 hashed),
 * which the Richardson step's standard error (independent runs) would miss. Not a proven
 * mechanism, but hashing costs nothing.
 */
function stream(seed: number, salt: number, index: number): Rng {
  return new Rng(fmix32((fmix32((fmix32(seed >>> 0) + salt) >>> 0) + index) >>> 0));
}

/** The shares at gamma, Richardson-extrapolated from n and n/4. */
export function sharesAt(gamma: number, seed: number, n = SHELL_N, designs = SHELL_DESIGNS): Shares {
  const run = (m: number, count: number, salt: number): ShellVariance => {
    const d = Math.round(gamma * m);
    return shellVariance(m, d, SHELLS, Math.max(8, Math.round(count * (m / Math.min(m, d)) ** 2)), new Chi2(stream(seed, salt, m)));
  };
  const salt = Math.round(gamma * 1000);
  const at = run(n, designs, salt);
  const quarter = run(n / 4, 4 * designs, salt + 1);
  const ex = at.share.map((x, k) => richardson(x, quarter.share[k]!, at.shareSe[k]!, quarter.shareSe[k]!, SHELL_ORDER));
  return { gamma, share: ex.map((x) => x.value), se: ex.map((x) => x.se), at, quarter };
}

export interface DoubleDescentShellsParams {
  /** the simulation's seed (not shrunk: nothing else is drawn) */
  seed: number;
}

const cache = new Map<string, Shares[]>();
const sharesFor = (seed: number): Shares[] => memo(cache, String(seed), () => GAMMAS.map((g) => sharesAt(g, seed)));

/** The closed form, read by the equations and the variants. */
const W_DENSITY = 'Wc(y, a, b) = -sqrt((b - y) * (y - a)) / y + (a + b) / sqrt(a * b) * atan2(sqrt(b * (y - a)), sqrt(a * (b - y))) - 2 * atan2(sqrt(y - a), sqrt(b - y))';
const MP_EDGE = '(1 - sqrt(g))^2';

const shareName = (k: number, g: number): string => `share ${k} gamma=${g}`;
const edgeName = (g: number): string => `edge shell gamma=${g}`;
const rateName = (side: string): string => `deficit exponent gamma${side}1`;

export const doubleDescentShells = defineClaim<DoubleDescentShellsParams>({
  id: 'transport.double-descent-shells',
  group: 'transport',
  kind: 'scaling',
  source: SOURCE,
  statement: String.raw`\frac{\mathbb E\sum_{\lambda_i\in\mathcal S_k}(n\lambda_i)^{-1}}{\mathbb E\,\mathrm{tr}(X^\top X)^{+}}\to\frac{\int_{\mathcal S_k}\sqrt{(\lambda_+-\lambda)(\lambda-\lambda_-)}\,\lambda^{-2}d\lambda}{\int_{\lambda_-}^{\lambda_+}\sqrt{(\lambda_+-\lambda)(\lambda-\lambda_-)}\,\lambda^{-2}d\lambda},\ \ \mathcal S_k=\big[\lambda_-^{1-\frac kK}\lambda_+^{\frac kK},\lambda_-^{1-\frac{k+1}K}\lambda_+^{\frac{k+1}K}\big),\ \lambda_\mp=(1\mp\sqrt\gamma)^2;\qquad 1-\text{share}_0\sim\tfrac4\pi\Big(\tfrac{1-\sqrt\gamma}{1+\sqrt\gamma}\Big)^{1/K}\ (\gamma\to1^\mp)`,
  domain: fc.record({ seed: fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })) }),
  encoding: {
    defs: [
      // the Marchenko–Pastur law of the nonzero spectrum: its edges
      ['edge', `edge(g) = ${MP_EDGE}`],
      ['top', 'top(g) = (1 + sqrt(g))^2'],
      // the antiderivative of sqrt((b - x)(x - a)) / x^2, read on [a, b]
      ['cl', 'cl(x, a, b) = min(max(x, a), b)'],
      ['Wc', W_DENSITY],
      ['W', 'W(x, a, b) = Wc(cl(x, a, b), a, b)'],
      // the 1/lambda-weighted law's mass below x, normalised (W vanishes at the lower edge: both atan2 start at 0)
      ['C', 'C(g, x) = W(x, edge(g), top(g)) / W(top(g), edge(g), top(g))'],
      // the share of shell k between the simulation's cuts c (the binning, data: the variants change the law, not the shells), the ends open
      ['S', 'S(g, c, k) = (k == K - 1 ? 1 : C(g, c[k + 1])) - (k == 0 ? 0 : C(g, c[k]))'],
      // the shell carrying the divergence: the lowest, at the edge
      ['carrier', '0'],
      // the lowest shell's deficit 1 - share_0 against |1 - gamma|: its local exponent
      ['rate', 'rate(ga, ca, gb, cb) = log((1 - S(gb, cb, 0)) / (1 - S(ga, ca, 0))) / log(abs(1 - gb) / abs(1 - ga))'],
    ],
    equations: [
      // the spread over the shells, either side of the threshold
      ...GAMMAS_SPREAD.flatMap((g, i) => Array.from({ length: SHELLS }, (_, k) => ({ name: shareName(k, g), lhs: `sh${i}[${k + 1}]`, rhs: `S(gam${i}, cut${i}, ${k})`, scale: '1' }))),
      // next to the threshold the divergence-carrying shell holds the edge shell's share, which tends to 1
      ...GAMMAS_NEAR.map((g, j) => {
        const i = GAMMAS_SPREAD.length + j;
        return { name: edgeName(g), lhs: `sh${i}[carrier + 1]`, rhs: `S(gam${i}, cut${i}, 0)`, scale: '1' };
      }),
      // and the rate: the deficit's exponent in |1 - gamma| from 1/2 to 0.8, and from 2 to 1.25
      ...(['<', '>'] as const).map((side, j) => {
        const [a, b] = [j, GAMMAS_SPREAD.length + j];
        return { name: rateName(side), lhs: `log((1 - sh${b}[carrier + 1]) / (1 - sh${a}[carrier + 1])) / log(abs(1 - gam${b}) / abs(1 - gam${a}))`, rhs: `rate(gam${a}, cut${a}, gam${b}, cut${b})`, scale: '1' };
      }),
    ],
  },
  measure(P) {
    const all = sharesFor(P.seed);
    const D = (x: number): Decimal => new Decimal(x);
    const scope: Record<string, Decimal | Decimal[]> = { K: D(SHELLS) };
    const uncertainty: Record<string, number> = {};
    all.forEach((s, i) => {
      scope[`gam${i}`] = D(s.gamma);
      scope[`sh${i}`] = s.share.map(D);
      scope[`cut${i}`] = shellCuts(s.gamma, SHELLS).map(D);
    });
    GAMMAS_SPREAD.forEach((g, i) => all[i]!.se.forEach((se, k) => (uncertainty[shareName(k, g)] = se)));
    GAMMAS_NEAR.forEach((g, j) => (uncertainty[edgeName(g)] = all[GAMMAS_SPREAD.length + j]!.se[0]!));
    (['<', '>'] as const).forEach((side, j) => {
      const [a, b] = [all[j]!, all[GAMMAS_SPREAD.length + j]!];
      // independent simulations: the exponent's error from each deficit's relative error
      uncertainty[rateName(side)] = Math.hypot(a.se[0]! / (1 - a.share[0]!), b.se[0]! / (1 - b.share[0]!)) / Math.abs(Math.log(Math.abs(1 - b.gamma) / Math.abs(1 - a.gamma)));
    });
    // the deficit 1 - share_0 against |1 - gamma|: the law (quadrature), its asymptote, the simulation either side
    const eps = Array.from({ length: 25 }, (_, i) => 10 ** (-2.5 + (2.3 * i) / 24));
    const deficit = (g: number): number => 1 - mpShellShares(g, SHELLS)[0]!;
    const sim = (side: number): { x: number[]; y: number[] } => {
      const pts = all.filter((s) => Math.sign(s.gamma - 1) === side);
      return { x: pts.map((s) => Math.abs(1 - s.gamma)), y: pts.map((s) => 1 - s.share[0]!) };
    };
    const figure: Figure = {
      kind: 'loglog',
      title: `variance of min-norm least squares outside the lowest of ${SHELLS} log shells of the spectrum (n = ${SHELL_N}, extrapolated in n)`,
      xLabel: '|1 − d/n|',
      yLabel: '1 − share of the lowest shell',
      series: [
        { name: 'Marchenko–Pastur', x: eps, y: eps.map((e) => deficit(1 - e)) },
        { name: `asymptote (4/π)((1 − √γ)/(1 + √γ))^(1/${SHELLS})`, x: eps, y: eps.map((e) => (4 / Math.PI) * ((1 - Math.sqrt(1 - e)) / (1 + Math.sqrt(1 - e))) ** (1 / SHELLS)) },
        { name: 'simulation d < n', ...sim(-1) },
        { name: 'simulation d > n', ...sim(1) },
      ],
    };
    return { scope, uncertainty, figure };
  },
  ranges: {
    // one simulation at every level (see the header: a statistical test, the shares extrapolated in n already)
    levels: [0, 1, 2],
    // a simulation: issue 15's 0.02, except the deficit exponent, whose Richardson step in n
    // divides two standard errors by the small gap between them. Reached at run seeds 1-12, 42,
    // 99, 1234, 2024: shares 0.0009 to 0.0039, edge shells 0.0054 to 0.0080, exponents 0.011 to 0.021
    target: {
      ...Object.fromEntries([...GAMMAS_SPREAD.flatMap((g) => Array.from({ length: SHELLS }, (_, k) => shareName(k, g))), ...GAMMAS_NEAR.map(edgeName)].map((n) => [n, 0.02])),
      [rateName('<')]: 0.05,
      [rateName('>')]: 0.05,
    },
    // float64 measurements, resolved to 1e-3: the closed form needs no more digits than they carry
    digits: 16,
    label: `one simulation at every level: the shares at n = ${SHELL_N} and ${SHELL_N / 4}, Richardson-extrapolated in n`,
  },
  // one simulation, as large as the time budget allows, rather than three of a third the size: the
  // same information, but one 3-sigma test per equation instead of three (see the header)
  runs: 1,
  equivalentMutants: [
    { site: 'def carrier', kinds: ['factor 2 on the whole side', 'whole side negated'], why: 'the carrier is shell 0: 2 * 0 = -0 = 0' },
    { site: /^eq (edge shell|deficit exponent) .*\.lhs$/, kinds: ['term dropped'], at: 'carrier + 1 -> 1', why: 'the carrier is shell 0: its index carrier + 1 is 1' },
    { site: 'eq deficit exponent gamma>1.lhs', kinds: ['term dropped'], at: '1 - gam1 -> 1', why: 'gam1 = 2: |1 - 2| = 1' },
  ],
  variants: [
    { name: 'the divergence carried by the top shell (largest eigenvalues)', defs: { carrier: 'K - 1' } },
    { name: 'shells of the population covariance (I: the variance at lambda = 1)', defs: { C: 'C(g, x) = x > 1 ? 1 : 0' } },
    { name: 'MP edge 5% high', defs: { edge: `edge(g) = 1.05 * ${MP_EDGE}` } },
    { name: 'MP edge 5% low', defs: { edge: `edge(g) = 0.95 * ${MP_EDGE}` } },
    // the MP density without the 1/lambda of the variance: the fraction of the eigenvalues in each shell
    { name: 'variance split by eigenvalue counts', defs: { Wc: 'Wc(y, a, b) = sqrt((b - y) * (y - a)) + (a + b) * atan2(sqrt(y - a), sqrt(b - y)) - 2 * sqrt(a * b) * atan2(sqrt(b * (y - a)), sqrt(a * (b - y)))' } },
    // a bulk carrying a bounded variance under a total diverging as 1/|1 - gamma|
    { name: 'deficit of the lowest shell linear in |1 - gamma|', defs: { rate: 'rate(ga, ca, gb, cb) = 1' } },
  ],
});
