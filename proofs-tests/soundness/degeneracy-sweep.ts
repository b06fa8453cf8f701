/**
 * Spectral paths drawn on purpose through eigenvalue clusters (relative gaps 1e-3 .. 1e-30),
 * crossings next to and inside the difference window, eigenvalues on or grazing log-shell
 * boundaries, eigenvalues in the twilight next to zero, and eigenvectors that stand still; and
 * the sweep that runs each through a kato or shell claim exactly as `verify` runs a drawn case
 * (evaluateCase), tallying outcomes and what actually happened on the path.
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import type { Claim } from '../../src/core/claim.js';
import { evaluateCase, type CaseReport } from '../../src/core/runner.js';
import type { PathDesign } from '../../src/models/designed-path.js';
import { shellLabels } from '../../src/symbolic/numeric.js';
import { katoClaims } from '../../derivations/kato.js';
import { shellClaims } from '../../derivations/shell.js';
import { pathAt, type PathParams } from '../../derivations/instances.js';

/** the low working precision of the sweep (the high one is twice it) */
export const LO = 20;

export type Family = 'cluster' | 'twilight' | 'crossing' | 'boundary' | 'graze' | 'stationary' | 'coincident';

/** Every parameter any kato or shell claim reads: path, projector group, lazy horizon, shells. */
export interface CaseParams extends PathParams {
  design: PathDesign;
  g0: number;
  glen: number;
  kernel: boolean;
  T8: number;
  h4: number;
  shell: number;
}

export interface DrawnCase {
  family: Family;
  claim: number;
  params: CaseParams;
}

const kato = katoClaims as unknown as Claim<CaseParams>[];
const shell = shellClaims as unknown as Claim<CaseParams>[];
/** the claims a drawn case indexes (DrawnCase.claim) */
export const catalogueClaims: Claim<CaseParams>[] = [...kato, ...shell];
const allClaims = catalogueClaims;

/** uniform on [lo, hi] (fc.double would favour the extremes and subnormals, not what these designs mean) */
const uniform = (lo: number, hi: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: 1 << 20 }).map((k) => lo + ((hi - lo) * k) / (1 << 20));
const unit = uniform(0.1, 0.9);
const velocity = uniform(-1, 1);
/** u 10^-k, k in [lo, hi], u in [1, 10) */
const pow10 = (lo: number, hi: number): fc.Arbitrary<number> => fc.tuple(fc.integer({ min: lo, max: hi }), uniform(1, 9.9)).map(([k, u]) => u * 10 ** -k);

/** A well-separated log-spectrum, descending, gaps 0.2 .. 1.4. */
const logSpectrum = (m: number): fc.Arbitrary<number[]> =>
  fc.tuple(uniform(-0.5, 1), fc.array(uniform(0.2, 1.4), { minLength: m, maxLength: m })).map(([x0, gaps]) => {
    const out = [x0];
    for (let i = 1; i < m; i++) out.push(out[i - 1]! - gaps[i]!);
    return out;
  });

/** Sizes, the spectrum, and the claim-side parameters every family shares. */
const base = (nMin: number, nMax: number) =>
  fc
    .record({
      n: fc.integer({ min: nMin, max: nMax }),
      rankDeficient: fc.boolean(),
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
      g0: fc.integer({ min: 0, max: 11 }),
      glen: fc.integer({ min: 1, max: 3 }),
      kernel: fc.boolean(),
      T8: fc.integer({ min: 1, max: 16 }),
      h4: fc.integer({ min: 1, max: 8 }),
      shell: fc.integer({ min: 0, max: 11 }),
      basis: fc.constantFrom<PathDesign['basis']>('random', 'random', 'flat'),
    })
    .chain((b) => {
      const p = b.rankDeficient && b.n > 2 ? b.n - 1 : b.n;
      const m = Math.min(b.n, p);
      return fc.record({ b: fc.constant({ ...b, p, m }), x: logSpectrum(m), v: fc.array(velocity, { minLength: m, maxLength: m }), eps: unit });
    });

function assemble(family: Family, claim: number, b: { n: number; p: number; seed: number; g0: number; glen: number; kernel: boolean; T8: number; h4: number; shell: number; basis: PathDesign['basis'] }, d: Omit<PathDesign, 'n' | 'p' | 'seed' | 'basis'>): DrawnCase {
  // a kernel (p < n) only where the claim's domain has one: elsewhere the path has n = p
  const n = KERNEL_CLAIMS.has(allClaims[claim]!.id) ? b.n : Math.min(b.n, b.p);
  const design: PathDesign = { n, p: b.p, seed: b.seed, basis: b.basis, ...d };
  const { g0, glen, kernel, T8, h4, shell: sh } = b;
  return { family, claim, params: { n, p: b.p, deg: 1, seed: b.seed, t8: 0, design, g0, glen, kernel, T8, h4, shell: sh } };
}

/**
 * The claims whose domains draw rank-deficient paths. (The others exclude a kernel on purpose:
 * energy-balance, for one, has no transfer term into the null shell, and fails with one.)
 */
const KERNEL_CLAIMS = new Set(['kato.projector', 'kato.lazy-limit', 'shell.partition']);

const anyClaim = fc.integer({ min: 0, max: allClaims.length - 1 });
const shellClaim = fc.integer({ min: kato.length, max: allClaims.length - 1 });
const zeros = (m: number): number[] => new Array<number>(m).fill(0);

/** 2 or 3 eigenvalues at relative gaps g ~ 1e-3 .. 1e-30, generic eigenvectors. */
const cluster = fc.tuple(base(2, 5), anyClaim, fc.nat(), fc.oneof(pow10(3, 8), pow10(3, 30)), pow10(3, 30), fc.boolean()).map(([{ b, x, v, eps }, claim, at, g1, g2, three]) => {
  const i = at % Math.max(1, b.m - 1);
  const logEig = x.map((xi): [number, number] => [xi, 0]);
  if (b.m >= 2) logEig[i + 1] = [x[i]!, -g1];
  if (three && i + 2 < b.m) logEig[i + 2] = [x[i]!, -g1 - g2];
  return assemble('cluster', claim, b, { logEig, v, w: zeros(b.m), eps });
});

/** One eigenvalue 1e-9 .. 1e-48 below the top: between the null shell and the resolved spectrum. */
const twilight = fc.tuple(base(2, 5), anyClaim, uniform(20, 110)).map(([{ b, x, v, eps }, claim, depth]) => {
  const logEig = x.map((xi): [number, number] => [xi, 0]);
  logEig[b.m - 1] = [x[0]! - depth, 0];
  return assemble('twilight', claim, b, { logEig, v, w: zeros(b.m), eps });
});

/** Modes i, i+1 that cross (eps = 0) or nearly cross (gap ~ eps) at s = +-2^-k, k <= 40, at relative speeds of order one. */
const crossing = fc
  .tuple(base(2, 5), anyClaim, fc.nat(), uniform(0.1, 5), fc.integer({ min: 1, max: 40 }), fc.boolean(), fc.oneof(fc.constant(0), pow10(2, 30)))
  .filter(([{ b }]) => b.m >= 2)
  .map(([{ b, x, v }, claim, at, speed, k, sign, eps]) => {
    const i = at % (b.m - 1);
    const logEig = x.map((xi): [number, number] => [xi, 0]);
    // ln(lambda_i / lambda_j) ~ 2 (v_i - v_j) s vanishes at s = +-2^-k
    logEig[i + 1] = [x[i]!, -2 * speed * 2 ** -k];
    return assemble('crossing', claim, b, { logEig, v, w: zeros(b.m), eps, cross: { i, j: i + 1, at: (sign ? 1 : -1) * 2 ** -k } });
  });

/**
 * A crossing inside the difference window: the window is sized from the largest entry of dM,
 * which in a Hadamard basis of order 12 is 12 times smaller than the speed at which a pair
 * moving in opposite directions closes its gap (the other modes stand still).
 */
const windowCrossing = fc
  .tuple(base(12, 12), fc.integer({ min: 0, max: kato.length - 1 }), fc.nat(), uniform(0.2, 2), fc.integer({ min: 4, max: 30 }), uniform(0.5, 1), fc.boolean(), fc.oneof(fc.constant(0), pow10(12, 30)))
  .filter(([{ b }]) => b.m === b.n)
  .map(([{ b, x }, claim, at, speed, k, f, sign, eps]) => {
    const i = at % (b.m - 1);
    const logEig = x.map((xi): [number, number] => [xi, 0]);
    const delta = (sign ? 1 : -1) * f * 2 ** -k;
    // v_j ~ -v_i: the gap 2 (v_i - v_j) |delta| closes at delta
    logEig[i + 1] = [x[i]!, -4 * speed * Math.abs(delta)];
    const v = zeros(b.m);
    v[i] = -Math.sign(delta) * speed;
    return assemble('crossing', claim, { ...b, p: b.n, basis: 'hadamard' }, { logEig, v, w: zeros(b.m), eps, cross: { i, j: i + 1, at: delta } });
  });

/** A mode on a shell boundary a h, or 1e-3 .. 1e-30 off it, moving across it at s = +-2^-k. */
const boundary = fc
  .tuple(base(2, 5), shellClaim, fc.nat(), fc.oneof(fc.constant(0), pow10(3, 12), pow10(3, 30)), fc.boolean(), fc.integer({ min: 2, max: 40 }), fc.boolean(), fc.integer({ min: 0, max: 8 }))
  .map(([{ b, x, v, eps: e }, claim, at, d0, below, k, toward, m]) => {
    // the eigenvectors' turning also moves the eigenvalues: small enough, it leaves the designed crossing time
    const eps = e * 10 ** -m;
    const i = at % b.m;
    const h = b.h4 / 4;
    const d = below ? -d0 : d0;
    const logEig = x.map((xi): [number, number] => [xi, 0]);
    logEig[i] = [Math.round(x[i]! / h) * h, d];
    // ln(lambda_i) = x_i + 2 ln(1 + v s): the boundary is reached at s ~ -d / (2 v)
    const vs = v.slice();
    // (speeds capped at 10: faster paths outrun the residual's series, a separate limitation)
    if (d !== 0) vs[i] = Math.sign(toward ? -d : d) * Math.min(10, Math.abs(d) / (2 * 2 ** -k));
    return assemble('boundary', claim, b, { logEig, v: vs, w: zeros(b.m), eps });
  });

/**
 * A mode just below (above) a boundary that crosses it and comes back within (0, 2 s_p): the
 * labels at the window's ends and centre agree while interior samples differ.
 */
const graze = fc
  .tuple(base(2, 5), shellClaim, fc.nat(), pow10(3, 8), fc.boolean(), fc.integer({ min: 1, max: 12 }), fc.boolean(), unit)
  .map(([{ b, x, v }, claim, at, d0, below, k, mirrored, u]) => {
    const i = at % b.m;
    const h = b.h4 / 4;
    const d = (below ? -1 : 1) * d0 * h;
    const logEig = x.map((xi): [number, number] => [xi, 0]);
    logEig[i] = [Math.round(x[i]! / h) * h, d];
    // ln(lambda_i) - x_i = alpha s + beta s^2 peaks at s_p with height 2|d| back towards the boundary
    const sp = (mirrored ? -1 : 1) * 2 ** -k;
    const alpha = (-4 * d) / sp;
    const beta = -alpha / (2 * sp);
    const vs = v.map(() => 0);
    const ws = v.map(() => 0);
    vs[i] = alpha / 2;
    ws[i] = beta / 2 + (alpha / 2) ** 2 / 2;
    // turning eigenvectors, slow enough not to undo the graze
    const eps = (u * Math.abs(alpha)) / 100;
    return assemble('graze', claim, b, { logEig, v: vs, w: ws, eps });
  })
  // curvatures beyond 100 outrun the residual's series (a separate limitation)
  .filter((c) => c.params.design.w.every((w) => Math.abs(w) <= 100));

/** eps = 0: the eigenvectors stand still (A = 0, dU = 0 exactly); the eigenvalues move. */
const stationary = fc.tuple(base(2, 5), anyClaim).map(([{ b, x, v }, claim]) => assemble('stationary', claim, b, { logEig: x.map((xi): [number, number] => [xi, 0]), v, w: zeros(b.m), eps: 0 }));

/** Two eigenvalues equal for all s (eps = 0) or at s = 0 only (eps > 0). */
const coincident = fc
  .tuple(base(2, 5), anyClaim, fc.nat(), fc.boolean())
  .filter(([{ b }]) => b.m >= 2)
  .map(([{ b, x, v, eps }, claim, at, still]) => {
    const i = at % (b.m - 1);
    const logEig = x.map((xi): [number, number] => [xi, 0]);
    logEig[i + 1] = [x[i]!, 0];
    const vs = v.slice();
    if (still) vs[i + 1] = vs[i]!;
    return assemble('coincident', claim, b, { logEig, v: vs, w: zeros(b.m), eps: still ? 0 : eps });
  });

export const drawn: fc.Arbitrary<DrawnCase> = fc.oneof(
  { arbitrary: cluster, weight: 16 },
  { arbitrary: crossing, weight: 16 },
  // order 12: the costliest cases, kept few
  { arbitrary: windowCrossing, weight: 1 },
  { arbitrary: boundary, weight: 12 },
  { arbitrary: graze, weight: 8 },
  { arbitrary: twilight, weight: 4 },
  { arbitrary: stationary, weight: 8 },
  { arbitrary: coincident, weight: 4 },
);

/** What actually happened on the path at the low precision, measured independently of the claims. */
export interface Diagnosis {
  relGap: number | null;
  /** a designed crossing within the difference window */
  crossingInWindow: boolean;
  /** some sample of the difference window sits in another shell than s = 0 */
  shellChangeInWindow: boolean;
  /** ... while the window's ends agree with s = 0 (what labelsOrCrossing looks at) */
  hiddenShellChange: boolean;
}

export function diagnose(c: DrawnCase): Diagnosis {
  try {
    return diagnosed(c);
  } catch {
    // the path itself cannot be sampled (the case is an 'error' in the sweep as well)
    return { relGap: null, crossingInWindow: false, shellChangeInWindow: false, hiddenShellChange: false };
  }
}

function diagnosed(c: DrawnCase): Diagnosis {
  const P = pathAt(c.params, LO);
  const F = P.F;
  const step = P.fdStep();
  const relGap = P.relativeGap();
  const cross = c.params.design.cross;
  const crossingInWindow = cross !== undefined && Math.abs(cross.at) <= F.toNumber(step);
  let shellChangeInWindow = false;
  let hiddenShellChange = false;
  if (c.family === 'boundary' || c.family === 'graze') {
    const h = new Decimal(c.params.h4).div(4);
    const labels = (s: bigint): string => shellLabels(P.at(s).eig.values.map((x) => F.toDecimal(x)), h, LO).join(',');
    const at0 = labels(0n);
    const ends = labels(step) === at0 && labels(-step) === at0;
    for (let j = 1; j <= 8 && !shellChangeInWindow; j++) {
      const s = step >> BigInt(j);
      if (labels(s) !== at0 || labels(-s) !== at0) shellChangeInWindow = true;
    }
    if (!ends) shellChangeInWindow = true;
    hiddenShellChange = ends && shellChangeInWindow;
  }
  return { relGap, crossingInWindow, shellChangeInWindow, hiddenShellChange };
}

export const illConditioned = (g: Diagnosis): boolean => (g.relGap !== null && g.relGap < 1e-3) || g.crossingInWindow || g.shellChangeInWindow;

export interface Tally {
  cases: number;
  outcomes: Record<string, number>;
  spurious: { family: Family; claim: string; params: CaseParams; report: CaseReport }[];
  errors: { family: Family; claim: string; note?: string }[];
  byFamily: Record<string, Record<string, number>>;
  /** outcomes of the cases where the condition really occurred */
  byCondition: Record<'crossingInWindow' | 'shellChangeInWindow' | 'gapBelow1e6', Record<string, number>>;
  diag: { gapBelow1e3: number; gapBelow1e6: number; gapBelow1e20: number; crossingInWindow: number; shellChangeInWindow: number; hiddenShellChange: number };
  confirmations: { checked: number; unconfirmed: { claim: string; params: CaseParams; lo: CaseReport['residuals']; hi: CaseReport['residuals'] }[] };
}

/**
 * Run every case through its claim (from `claims`, index-aligned with catalogueClaims: a test
 * may pass patched copies) at LO and 2 LO digits. A pass on an ill-conditioned case (at most
 * maxConfirmations of them) is re-run at 2 LO and 4 LO: the residual must keep falling as the
 * precision-scaling rule asks (by a quarter of the added digits times the claim's tolerance).
 */
export function sweep(cases: DrawnCase[], maxConfirmations: number, claims: Claim<CaseParams>[] = catalogueClaims): Tally {
  const t: Tally = {
    cases: 0,
    outcomes: {},
    spurious: [],
    errors: [],
    byFamily: {},
    byCondition: { crossingInWindow: {}, shellChangeInWindow: {}, gapBelow1e6: {} },
    diag: { gapBelow1e3: 0, gapBelow1e6: 0, gapBelow1e20: 0, crossingInWindow: 0, shellChangeInWindow: 0, hiddenShellChange: 0 },
    confirmations: { checked: 0, unconfirmed: [] },
  };
  for (const c of cases) {
    const claim = claims[c.claim]!;
    const r = evaluateCase(claim, claim.encoding, {}, c.params, LO);
    const g = diagnose(c);
    t.cases++;
    t.outcomes[r.outcome] = (t.outcomes[r.outcome] ?? 0) + 1;
    const fam = (t.byFamily[c.family] ??= {});
    fam[r.outcome] = (fam[r.outcome] ?? 0) + 1;
    if (g.relGap !== null && g.relGap < 1e-3) t.diag.gapBelow1e3++;
    if (g.relGap !== null && g.relGap < 1e-6) t.diag.gapBelow1e6++;
    if (g.relGap !== null && g.relGap < 1e-20) t.diag.gapBelow1e20++;
    const seen = (k: keyof Tally['byCondition']): void => {
      t.byCondition[k][r.outcome] = (t.byCondition[k][r.outcome] ?? 0) + 1;
    };
    if (g.crossingInWindow) seen('crossingInWindow');
    if (g.shellChangeInWindow) seen('shellChangeInWindow');
    if (g.relGap !== null && g.relGap < 1e-6) seen('gapBelow1e6');
    if (g.crossingInWindow) t.diag.crossingInWindow++;
    if (g.shellChangeInWindow) t.diag.shellChangeInWindow++;
    if (g.hiddenShellChange) t.diag.hiddenShellChange++;
    if (r.outcome === 'fails') t.spurious.push({ family: c.family, claim: claim.id, params: c.params, report: r });
    if (r.outcome === 'error') t.errors.push({ family: c.family, claim: claim.id, note: r.note });
    // a pass on an ill-conditioned case must be a residual that keeps falling, not a lucky pair
    const hi = r.residuals[2 * LO];
    const atFloor = hi !== undefined && new Decimal(hi).lte(new Decimal(10).pow(-0.9 * 2 * LO));
    if (r.outcome === 'holds' && illConditioned(g) && !atFloor && t.confirmations.checked < maxConfirmations) {
      t.confirmations.checked++;
      const again = evaluateCase(claim, claim.encoding, {}, c.params, 2 * LO);
      const r40 = new Decimal(again.residuals[2 * LO] ?? 'NaN');
      const r80 = new Decimal(again.residuals[4 * LO] ?? 'NaN');
      const fell = r80.lte(r40.mul(new Decimal(10).pow(-0.25 * (claim.tolerance ?? 0.9) * 2 * LO))) || r80.lte(new Decimal(10).pow(-0.9 * 4 * LO));
      if (!fell) t.confirmations.unconfirmed.push({ claim: claim.id, params: c.params, lo: r.residuals, hi: again.residuals });
    }
  }
  return t;
}

