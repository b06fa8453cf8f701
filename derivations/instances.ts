/**
 * Drawn instances shared by the flow, kato and shell catalogues: random polynomial paths
 * M(t) = J(t)J(t)^T and the gradient flow of a small two-layer tanh network, each with the
 * independent numerical route (integration, eigensolver, extrapolated differences).
 */
import fc from 'fast-check';
import type { Scope } from '../src/api/index.js';
import { dec, centralDerivative, extrapolatedDerivative, levelsFor, steps, Fixed, maxAbs, maxAbsMat, matmulT, seriesEval, minGap, type Rng, type Mat, type Vec } from '../src/api/numeric.js';
import { SpectralPath, DesignedPath, flowSeries, TanhNet, type PathSpec, type Snapshot, type PathDesign, type NetSpec } from '../src/api/models.js';

const contexts = new Map<number, Fixed>();
/** A seed for the instance generator: fast-check draws it, Rng expands it. */
export const seedArb = fc.integer({ min: 0, max: 0x7fffffff });

/** A drawn dyadic k / 2^bits as an exact fixed-point value (the same number at every precision). */
export function dyadicAt(F: Fixed, rng: Rng, range: number, bits: number): bigint {
  const [k, den] = rng.dyadic(range, bits);
  return F.ratio(k, den);
}

/** Instances are built at D and 2D digits per case and revisited by the variants: memoise, keeping the newest 400 (claims of one affinity revisit the same cases in order). */
export function memo<T>(cache: Map<string, T>, key: string, build: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= 400) cache.delete(cache.keys().next().value!);
    cache.set(key, (v = build()));
  }
  return v;
}

export function fixedAt(digits: number): Fixed {
  let F = contexts.get(digits);
  if (!F) contexts.set(digits, (F = new Fixed(digits)));
  return F;
}

/** Fraction of the working digits the extrapolated differences aim at. */
export const FD_FRACTION = 0.55;
/** Tolerance exponent for claims whose truth side is an extrapolated difference. */
export const FD_TOLERANCE = 0.4;

export interface PathParams extends PathSpec {
  /** t0 = t8 / 8 */
  t8: number;
  /** a prescribed spectrum (stress tests: clusters, crossings, shell boundaries) in place of the seeded draw; t0 = 0 */
  design?: PathDesign;
}

/**
 * A size in [min, max], drawn with a cubic bias to small sizes: every size occurs, but the
 * O(n^3) eigensolves of the largest ones do not dominate the run. Shrinks towards min.
 */
export function sizeBiased(min: number, max: number): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: 1000 }).map((k) => min + Math.floor((max - min + 1) * (k / 1001) ** 3));
}

export function pathDomain(opts: { nMin?: number; nMax?: number; rankDeficient?: boolean } = {}): fc.Arbitrary<PathParams> {
  const nMin = opts.nMin ?? 2;
  const nMax = opts.nMax ?? 12;
  return fc
    .record({
      n: sizeBiased(nMin, nMax),
      extra: fc.integer({ min: opts.rankDeficient ? -3 : 0, max: 3 }),
      deg: fc.integer({ min: 1, max: 2 }),
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
      t8: fc.integer({ min: 0, max: 8 }),
    })
    .map(({ n, extra, deg, seed, t8 }) => ({ n, p: Math.max(1, n + extra), deg, seed, t8 }));
}

const paths = new Map<string, SpectralPath>();
/** One path per (params, digits): claims evaluate several quantities on the same path. */
export function pathAt(params: PathParams, digits: number, constantJ = false): SpectralPath {
  const key = `${params.n},${params.p},${params.deg},${params.seed},${params.t8}|${digits}|${constantJ}${params.design ? JSON.stringify(params.design) : ''}`;
  return memo(paths, key, () => {
    const F = fixedAt(digits);
    return params.design ? new DesignedPath(F, params.design, constantJ) : new SpectralPath(F, params, F.ratio(params.t8, 8), constantJ);
  });
}

/**
 * The basic spectral scope at t0: M, dM, lambda, U, e, and mingap, the smallest gap between
 * consecutive eigenvalues (1 for n = 1): |dM| / mingap bounds the couplings A and dU/dt, a scale
 * for residuals of quantities that may vanish exactly (eigenvectors that stand still).
 */
export function spectralScope(P: SpectralPath): Scope {
  const F = P.F;
  const r = P.ref;
  const mingap = minGap(r.eig.values) ?? F.one;
  return { M: dec(F, r.M), dM: dec(F, r.dM), lambda: dec(F, r.eig.values), U: dec(F, r.eig.vectors), e: dec(F, r.e), mingap: dec(F, mingap) };
}

/** A near-degenerate spectrum cannot carry the Kato couplings: report it, never decide it. */
export function degeneracy(P: SpectralPath, minRelGap = 1e-6): string | undefined {
  const g = P.relativeGap();
  if (g !== null && g < minRelGap) return `near-degenerate eigenvalues (relative gap ${g.toExponential(2)})`;
  return undefined;
}

/** d/dt at t0 of a quantity of the path, by extrapolated central differences. */
export function pathDerivative(P: SpectralPath, f: (s: Snapshot) => Vec, step = P.fdStep()): Vec {
  const K = levelsFor(P.F, -3, FD_FRACTION);
  return centralDerivative(P.F, (s) => f(P.at(s)), 0n, step, K);
}

export const colsOf = (U: Mat): Vec => U.flat();

export interface NetParams extends NetSpec {}

export function netDomain(max: { n: number; m: number; d: number }): fc.Arbitrary<NetParams> {
  return fc.record({
    n: fc.integer({ min: 1, max: max.n }),
    m: fc.integer({ min: 1, max: max.m }),
    d: fc.integer({ min: 1, max: max.d }),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
  });
}

export interface NetFlow {
  net: TanhNet;
  F: Fixed;
  theta: Vec;
  e: Vec;
  J: Mat;
  /** extrapolated d/dt at t = 0 of g(theta(t)), theta integrated along the gradient flow */
  derivative(g: (theta: Vec) => Vec): Vec;
}

/**
 * The parameter gradient flow through theta0, integrated as a Taylor series (radius h0) and
 * evaluated at t = ±h_j; derivatives of any function of theta(t) by extrapolated differences.
 */
const flows = new Map<string, NetFlow>();
export function netFlow(params: NetParams, digits: number): NetFlow {
  const key = `${params.n},${params.m},${params.d},${params.seed}|${digits}`;
  return memo(flows, key, () => computeNetFlow(params, digits));
}

function computeNetFlow(params: NetParams, digits: number): NetFlow {
  const F = fixedAt(digits);
  const net = new TanhNet(F, params);
  const theta = net.theta0;
  const J = net.jacobian(theta);
  const e = net.residual(theta);
  // step well inside the flow's time scale 1/|M|
  const rate = F.toNumber(maxAbsMat(matmulT(F, J, J))) + F.toNumber(maxAbs(e)) + 1;
  // the series' radius is set by the complex singularities of tanh, not only by the rate:
  // halve the step until the series converges within a few bits per order
  let k = Math.max(4, Math.ceil(Math.log2(8 * rate)));
  let series: Vec[] | null = null;
  for (; series === null && k < 40; k++) series = flowSeries(net, F.pow2(-k), Math.ceil(F.bits / 2) + 20);
  if (series === null) throw new Error('gradient-flow series: no convergent step found');
  const h0 = F.pow2(-(k - 1));
  const hs = steps(h0, levelsFor(F, -3, FD_FRACTION));
  const plus = hs.map((h) => seriesEval(F, series, h));
  const minus = hs.map((h) => seriesEval(F, series, -h));
  return {
    net,
    F,
    theta,
    e,
    J,
    derivative: (g) => extrapolatedDerivative(F, hs, plus.map(g), minus.map(g)),
  };
}
