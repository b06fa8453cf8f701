/**
 * kato: exact modewise dynamics in the moving eigenbasis of M = J J^T (Zhang, arXiv 2512.10427;
 * standard form: Kato's adiabatic perturbation theory, Rayleigh–Schrödinger).
 */
import fc from 'fast-check';
import { parse, ParenthesisNode, SymbolNode } from 'mathjs';
import { defineClaim, sym, type Claim, type Encoding, type Variant, type SymScope, type Scope } from '../src/api/index.js';
import { dec, identity, matmul, matvec, maxAbsMat, transpose, integrateLinearPoly, alignSigns, eigSymRefined, minGap, refineEig, polyEval, polyShift, type Mat, type Vec, type Fixed } from '../src/api/numeric.js';
import type { SpectralPath } from '../src/api/models.js';
import type { Decimal } from 'decimal.js';
import {
  colsOf,
  degeneracy,
  FD_TOLERANCE,
  memo,
  pathAt,
  pathDerivative,
  pathDomain,
  spectralScope,
  type PathParams,
} from './instances.js';

const SOURCE = 'arXiv:2512.10427';

/** The moving-basis quantities, written once: c_k = <u_k, e>, B_jk = <u_j, dM u_k>, A_kj = B_jk / (lambda_k - lambda_j). */
export const KATO_DEFS: Encoding['defs'] = [
  ['c', 'transpose(U) * e'],
  ['B', 'transpose(U) * dM * U'],
  ['A', 'offdiv(transpose(B), pairdiff(lambda))'],
];

const simplePath = pathDomain({ nMax: 12 });

/**
 * Symbolic stand-ins with the structure of a path's data at the given times ('' for t0, 'q1',
 * ...): any 3x3 basis U, a symmetric dM (zero on a frozen path), any spectrum. Definition
 * mutants that keep their value on them (B^T = B) are shown equivalent.
 */
export function pathStructure(times: string[], dM: 'symmetric' | 'zero' = 'symmetric'): () => SymScope[] {
  const n = 3;
  const at = (name: string, t: string): string => (t ? `${name}_${t}` : name);
  return () => [
    Object.fromEntries(
      times.flatMap((t, i) => {
        const tag = String.fromCharCode(97 + i);
        return [
          [at('U', t), sym.matrix(`u${tag}`, n, n)],
          [at('dM', t), dM === 'zero' ? Array.from({ length: n }, () => new Array<string>(n).fill('0')) : sym.symmetric(`m${tag}`, n)],
          [at('lambda', t), sym.vector(`l${tag}`, n)],
        ];
      }),
    ),
  ];
}

export const hellmannFeynman = defineClaim<PathParams>({
  id: 'kato.hellmann-feynman',
  group: 'kato',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\dot\lambda_k = \langle u_k, \dot M u_k\rangle\quad(\lambda_k\ \text{simple})`,
  domain: simplePath,
  affinity: 'kato-path',
  encoding: { defs: KATO_DEFS, equations: [{ name: 'hf', lhs: 'dlambda_fd', rhs: 'diag(B)' }] },
  instance(params, { digits }) {
    const P = pathAt(params, digits);
    const degenerate = degeneracy(P);
    if (degenerate) return { scope: {}, degenerate };
    const dl = pathDerivative(P, (s) => s.eig.values);
    return { scope: { ...spectralScope(P), dlambda_fd: dec(P.F, dl) } };
  },
  tolerance: FD_TOLERANCE,
  variants: [
    { name: 'factor 2: 2<u, dM u>', equations: { hf: { rhs: '2 * diag(B)' } } },
    { name: 'unrotated: diag(dM)', equations: { hf: { rhs: 'diag(dM)' } } },
    { name: 'sign flipped', equations: { hf: { rhs: '-diag(B)' } } },
  ],
});

export const eigenvectorVelocity = defineClaim<PathParams>({
  id: 'kato.eigenvector-velocity',
  group: 'kato',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\langle u_k,\dot u_k\rangle = 0 \;\Longrightarrow\; \dot u_k = \sum_{j\ne k} A_{kj}\,u_j,\quad A_{kj} = \frac{\langle u_j,\dot M u_k\rangle}{\lambda_k-\lambda_j}`,
  domain: simplePath,
  affinity: 'kato-path',
  encoding: {
    defs: KATO_DEFS,
    equations: [
      { name: 'velocity', lhs: 'dU_fd', rhs: 'U * transpose(A)', scale: 'norm(dU_fd, "fro") + norm(dM, "fro") / mingap' },
      { name: 'gauge', lhs: 'diag(transpose(U) * dU_fd)', rhs: '0', scale: 'norm(dU_fd, "fro") + norm(B, "fro")' },
    ],
  },
  instance(params, { digits }) {
    const P = pathAt(params, digits);
    const degenerate = degeneracy(P);
    if (degenerate) return { scope: {}, degenerate };
    const n = params.n;
    const d = pathDerivative(P, (s) => colsOf(s.eig.vectors));
    const dU: Mat = Array.from({ length: n }, (_, i) => d.slice(i * n, (i + 1) * n));
    return { scope: { ...spectralScope(P), dU_fd: dec(P.F, dU) } };
  },
  tolerance: FD_TOLERANCE,
  structure: pathStructure(['']),
  variants: [
    { name: 'coupling sign flipped: U A', equations: { velocity: { rhs: 'U * A' } } },
    { name: 'factor 2', equations: { velocity: { rhs: '2 * U * transpose(A)' } } },
    { name: 'gap sign flipped in A', defs: { A: 'offdiv(transpose(B), -pairdiff(lambda))' } },
  ],
});

export const couplingAntisymmetry = defineClaim<PathParams>({
  id: 'kato.coupling-antisymmetry',
  group: 'kato',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`A_{kj} = -A_{jk}`,
  domain: simplePath,
  affinity: 'kato-path',
  encoding: { defs: KATO_DEFS, equations: [{ name: 'antisymmetry', lhs: 'A', rhs: '-transpose(A)', scale: 'norm(A, "fro") + norm(dM, "fro") / mingap' }] },
  instance(params, { digits }) {
    const P = pathAt(params, digits);
    const degenerate = degeneracy(P);
    if (degenerate) return { scope: {}, degenerate };
    return { scope: spectralScope(P) };
  },
  // B = U^T dM U is symmetric for any symmetric dM: bind it as a generic symmetric matrix
  symbolic: { scopes: () => [3, 4].map((n) => ({ B: sym.symmetric('b', n), lambda: sym.vector('l', n) })) },
  variants: [
    { name: 'symmetric instead: A = A^T', equations: { antisymmetry: { rhs: 'transpose(A)' } } },
    { name: 'factor 2', equations: { antisymmetry: { rhs: '-2 * transpose(A)' } } },
    { name: 'gap taken in absolute value', defs: { A: 'offdiv(transpose(B), abs(pairdiff(lambda)))' } },
  ],
});

const defText = (name: string): string => KATO_DEFS.find(([n]) => n === name)![1];

/**
 * `expr` with its free symbols (not function names) replaced by other expressions: one text
 * evaluated on the data of another time, so that no formula is written twice.
 */
function substitute(expr: string, by: Record<string, string>): string {
  return parse(expr)
    .transform((node, path) => {
      if (path === 'fn' || !(node instanceof SymbolNode)) return node;
      const r = by[node.name];
      if (r === undefined) return node;
      return /^\w+$/.test(r) ? new SymbolNode(r) : new ParenthesisNode(parse(r));
    })
    .toString();
}

/** The modewise right-hand side, written once: the pointwise equation at t0, the integrated one at every node. */
const FIELD = '-lambda .* c + A * c';

/** Gauss–Legendre nodes of the integrated equation (the text names each node: a fixed count). */
const NODES = 10;
const nodeIds = Array.from({ length: NODES }, (_, i) => i + 1);

/** KATO_DEFS's c and A at one time (data named U_<at>, e_<at>, dM_<at>, lambda_<at>), as definitions. */
const projDef = (at: string): [string, string] => [`c_${at}`, substitute(defText('c'), { U: `U_${at}`, e: `e_${at}` })];
function couplingDef(at: string, lambda = `lambda_${at}`): [string, string] {
  const B = substitute(defText('B'), { U: `U_${at}`, dM: `dM_${at}` });
  return [`A_${at}`, substitute(defText('A'), { B, lambda })];
}
const nodeDefs = (lambda?: string): Encoding['defs'] => nodeIds.flatMap((i) => [projDef(`q${i}`), couplingDef(`q${i}`, lambda)]);

/** H sum_i w_i field(t_i): a field integrated over [t0, t0 + H] by Gauss–Legendre. */
function integratedRhs(field: string, lambda?: string): string {
  const at = (i: number): string => substitute(field, { lambda: lambda ?? `lambda_q${i}`, A: `A_q${i}`, c: `c_q${i}` });
  return `H * (${nodeIds.map((i) => `w_q${i} * (${at(i)})`).join(' + ')})`;
}

/** A wrong modewise field, in both equations. */
const fieldVariant = (name: string, field: string): Variant => ({ name, equations: { modewise: { rhs: field }, integrated: { rhs: integratedRhs(field) } } });

/** Legendre P_s(x) and P_s'(x) by the three-term recurrence (|x| < 1). */
function legendre(F: Fixed, s: number, x: bigint): [bigint, bigint] {
  let p0 = F.one;
  let p1 = x;
  for (let k = 2; k <= s; k++) {
    const p2 = (BigInt(2 * k - 1) * F.mul(x, p1) - BigInt(k - 1) * p0) / BigInt(k);
    p0 = p1;
    p1 = p2;
  }
  return [p1, F.div(BigInt(s) * (F.mul(x, p1) - p0), F.mul(x, x) - F.one)];
}

const gaussRules = new Map<string, { x: bigint[]; w: bigint[] }>();
/** Gauss–Legendre nodes (ascending) and weights on [0, 1] at the working precision: Newton from Tricomi's guesses. */
function gaussLegendre01(F: Fixed, s: number): { x: bigint[]; w: bigint[] } {
  const key = `${F.digits}|${s}`;
  let rule = gaussRules.get(key);
  if (rule) return rule;
  const x: bigint[] = [];
  const w: bigint[] = [];
  for (let i = s - 1; i >= 0; i--) {
    let xi = F.fromNumber(Math.cos((Math.PI * (i + 0.75)) / (s + 0.5)));
    for (let it = 0; it < 60; it++) {
      const [p, d] = legendre(F, s, xi);
      const dx = F.div(p, d);
      xi -= dx;
      if (F.abs(dx) <= 1n << 16n) break;
    }
    const [, d] = legendre(F, s, xi);
    x.push((F.one + xi) / 2n);
    // w = 2 / ((1 - x^2) P'(x)^2) on [-1, 1]; halved on [0, 1]
    w.push(F.div(F.one, F.mul(F.one - F.mul(xi, xi), F.mul(d, d))));
  }
  gaussRules.set(key, (rule = { x, w }));
  return rule;
}

const frobenius = (F: Fixed, A: Mat): number => Math.sqrt(A.reduce((s, row) => s + row.reduce((t, v) => t + F.toNumber(v) ** 2, 0), 0));

/**
 * A radius about t0 in the complex t-plane where every eigenvalue stays isolated: with
 * M(t0 + tau) = M0 + V(tau), Bauer–Fike keeps each eigenvalue within |V(tau)| of its value at
 * t0, so |V| < mingap / 2 leaves them simple and the eigenprojections (hence c, A, the field)
 * analytic. |V(tau)| <= sum_m |C_m|_F |tau|^m over the Taylor coefficients of M about t0.
 */
function isolationRadius(P: SpectralPath): number {
  const F = P.F;
  const g = minGap(P.ref.eig.values);
  const norms = polyShift(F, P.M, P.t0).slice(1).map((C) => frobenius(F, C));
  if (g === null || norms.every((v) => v === 0)) return Infinity;
  const half = F.toNumber(g) / 2;
  const V = (r: number): number => norms.reduce((s, c, m) => s + c * r ** (m + 1), 0);
  let hi = 1;
  while (V(hi) < half) hi *= 2;
  let lo = 0;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (V(mid) < half) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The interval [t0, t0 + H] of the integrated equation. Gauss–Legendre with s nodes errs by
 * about rho^(-2s) for a function analytic in the Bernstein ellipse of parameter rho about the
 * interval; the ellipse of [0, H] inside the disc of radius R about t0 has
 * rho = (1 - q/2 + sqrt(1 - q)) / (q / 2), q = H / R. R: the isolation radius, and at most
 * 2 / |M0| (e^(-M tau) stays of order one on it). H aims at an error of 10^-(0.45 digits + 4),
 * so that it falls with the working precision (drawn cases land 4 decades or more below it),
 * and is at most 1/16 (the radius of the residual's series).
 */
function intervalLength(P: SpectralPath, digits: number, nodes: number): number {
  const R = Math.min(isolationRadius(P), 2 / Math.max(frobenius(P.F, P.ref.M), 1e-300));
  const rho = 10 ** ((0.45 * digits + 4) / (2 * nodes));
  const rhoOf = (q: number): number => (1 - q / 2 + Math.sqrt(1 - q)) / (q / 2);
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (rhoOf(mid) > rho) lo = mid;
    else hi = mid;
  }
  return Math.min(lo * R, 1 / 16);
}

/**
 * The path the integrated equation runs on: the drawn one up to INTEGRATED_NMAX modes (a
 * designed path always); a larger draw is replaced by a path of INTEGRATED_NMAX modes from the
 * same seed, since every node costs an evaluation of the encoding (O(n^3) in mathjs).
 */
const INTEGRATED_NMAX = 3;
function integrationPath(params: PathParams, digits: number): SpectralPath {
  if (params.design || params.n <= INTEGRATED_NMAX) return pathAt(params, digits);
  return pathAt({ ...params, n: INTEGRATED_NMAX, p: INTEGRATED_NMAX + params.p - params.n }, digits);
}

/**
 * Fixed point to decimals through a scaled integer: `dec` to within 10^-(digits + 20), without
 * a full-precision division per entry (the integrated equation converts ~300 entries a case).
 */
function decimals(F: Fixed): { s: (x: bigint) => Decimal; v: (x: Vec) => Decimal[]; m: (x: Mat) => Decimal[][] } {
  const K = F.digits + 20;
  const p = 10n ** BigInt(K);
  const sh = BigInt(F.bits);
  const s = (x: bigint): Decimal => new F.D(`${(x * p) >> sh}e-${K}`);
  const v = (x: Vec): Decimal[] => x.map(s);
  return { s, v, m: (x) => x.map(v) };
}

type IntegratedCase = { scope: Scope } | { degenerate: string };
const integratedCases = new Map<string, IntegratedCase>();

/**
 * The independent route of the integrated equation: e(t) from the Taylor series of de/dt = -M e
 * at the Gauss nodes of [t0, t0 + H] and at t0 + H, and the eigenbasis at each, continued
 * node to node (warm-started refinement, signs aligned with the previous node: for real simple
 * eigenvectors that is the parallel-transport gauge). A continuation that loses track of a mode
 * (overlap below 1/2 with its predecessor) is reported, never decided.
 */
function integratedCase(params: PathParams, digits: number): IntegratedCase {
  return memo(integratedCases, `${JSON.stringify(params)}|${digits}`, () => computeIntegratedCase(params, digits));
}

function computeIntegratedCase(params: PathParams, digits: number): IntegratedCase {
  const P = integrationPath(params, digits);
  const degenerate = degeneracy(P);
  if (degenerate) return { degenerate: `integration path: ${degenerate}` };
  const F = P.F;
  const H = F.fromNumber(intervalLength(P, digits, NODES));
  if (H === 0n) return { degenerate: 'integration interval below the working precision' };
  const rule = gaussLegendre01(F, NODES);
  const times = [...rule.x.map((x) => F.mul(H, x)), H];
  const half = (F.one * F.one) / 2n;
  let prev = P.ref.eig.vectors;
  const d = decimals(F);
  const scope: Scope = { H: d.s(H), lambda_a: d.v(P.ref.eig.values), U_a: d.m(prev), e_a: d.v(P.ref.e) };
  for (const [i, s] of times.entries()) {
    const t = P.t0 + s;
    const M = polyEval(F, P.M, t);
    const eig = refineEig(F, M, prev) ?? eigSymRefined(F, M, prev);
    const U = alignSigns(eig.vectors, prev);
    for (let k = 0; k < U.length; k++) {
      let o = 0n;
      for (let j = 0; j < U.length; j++) o += U[j]![k]! * prev[j]![k]!;
      if (o < half) return { degenerate: `mode ${k + 1} lost between integration nodes (eigenvalues nearly cross)` };
    }
    prev = U;
    const e = P.eAt(s);
    if (i === NODES) Object.assign(scope, { U_b: d.m(U), e_b: d.v(e) });
    else {
      const q = `q${i + 1}`;
      Object.assign(scope, { [`w_${q}`]: d.s(rule.w[i]!), [`lambda_${q}`]: d.v(eig.values), [`U_${q}`]: d.m(U), [`dM_${q}`]: d.m(polyEval(F, P.dM, t)), [`e_${q}`]: d.v(e) });
    }
  }
  return { scope };
}

export const modewiseOde = defineClaim<PathParams>({
  id: 'kato.modewise-ode',
  group: 'kato',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\dot e = -M(t)e \;\Longrightarrow\; \dot c_k = -\lambda_k c_k + \sum_{j\ne k} A_{kj} c_j;\quad c(t_1) - c(t_0) = \int_{t_0}^{t_1}\big(-\Lambda(t) + A(t)\big)c(t)\,dt`,
  domain: simplePath,
  affinity: 'kato-path',
  encoding: {
    defs: [...KATO_DEFS, projDef('a'), projDef('b'), ...nodeDefs()],
    equations: [
      { name: 'modewise', lhs: 'dc_fd', rhs: FIELD },
      // c(t0 + H) - c(t0): projections of the directly integrated e on the transported eigenbasis
      { name: 'integrated', lhs: 'c_b - c_a', rhs: integratedRhs(FIELD) },
    ],
  },
  instance(params, { digits }) {
    const P = pathAt(params, digits);
    const degenerate = degeneracy(P);
    if (degenerate) return { scope: {}, degenerate };
    const I = integratedCase(params, digits);
    if ('degenerate' in I) return { scope: {}, degenerate: I.degenerate };
    const dc = pathDerivative(P, (s) => matvec(P.F, transpose(s.eig.vectors), s.e));
    return { scope: { ...spectralScope(P), dc_fd: dec(P.F, dc), ...I.scope } };
  },
  tolerance: FD_TOLERANCE,
  structure: pathStructure(['', ...nodeIds.map((i) => `q${i}`)]),
  variants: [
    fieldVariant('dissipation doubled: -2 lambda c', '-2 * lambda .* c + A * c'),
    fieldVariant('coupling sign flipped', '-lambda .* c - A * c'),
    fieldVariant('coupling transposed', '-lambda .* c + transpose(A) * c'),
    // exact at t0, so only the integrated equation can tell
    {
      name: 'spectrum frozen at t0 while the basis turns',
      defs: Object.fromEntries(nodeIds.map((i) => couplingDef(`q${i}`, 'lambda_a'))),
      equations: { integrated: { rhs: integratedRhs(FIELD, 'lambda_a') } },
    },
  ],
});

interface ProjectorParams extends PathParams {
  /** first index of the group (descending eigenvalues) and its size; null: take the kernel */
  g0: number;
  glen: number;
  kernel: boolean;
}

export const projector = defineClaim<ProjectorParams>({
  id: 'kato.projector',
  group: 'kato',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`P\dot PP = 0,\quad (I-P)\dot P(I-P) = 0,\quad \dot P = -\sum_{k\in G}\big(S_k\dot M P_k + P_k\dot M S_k\big),\ S_k = \sum_{j\notin G}\frac{u_ju_j^\top}{\lambda_j-\lambda_k}`,
  domain: fc
    .tuple(pathDomain({ nMin: 2, nMax: 10, rankDeficient: true }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 4 }), fc.boolean())
    .map(([p, g0, glen, kernel]) => ({ ...p, g0, glen, kernel })),
  encoding: {
    defs: [
      ['B', 'transpose(U) * dM * U'],
      ['P', 'U * diag(g) * transpose(U)'],
    ],
    equations: [
      // |dP| <= 2 |dM| / gap sets the scale: dP itself may vanish exactly (a path whose eigenvectors stand still)
      { name: 'inner', lhs: 'P * dP_fd * P', rhs: '0', scale: 'norm(dM, "fro") / gap' },
      { name: 'outer', lhs: '(I - P) * dP_fd * (I - P)', rhs: '0', scale: 'norm(dM, "fro") / gap' },
      // in the eigenbasis (U^T dP U)_ab = B_ab (g_a - g_b) / (lambda_a - lambda_b): the reduced-resolvent form
      { name: 'generator', lhs: 'dP_fd', rhs: 'U * (B .* offdiv(pairdiff(g), pairdiff(lambda))) * transpose(U)', scale: 'norm(dM, "fro") / gap' },
    ],
  },
  instance(params, { digits }) {
    const P = pathAt(params, digits);
    const F = P.F;
    const n = params.n;
    const rank = Math.min(params.n, params.p);
    // the group: the kernel (a degenerate cluster) when there is one and it was drawn, else a run of indices
    const [lo, hi] = params.kernel && rank < n ? [rank, n] : [params.g0 % rank, Math.min(rank, (params.g0 % rank) + params.glen)];
    if (hi - lo === n) return { scope: {}, degenerate: 'group is the whole spectrum' };
    const vals = P.ref.eig.values;
    const gaps = [lo > 0 ? vals[lo - 1]! - vals[lo]! : null, hi < n ? vals[hi - 1]! - vals[hi]! : null].filter((x): x is bigint => x !== null);
    const gap = gaps.reduce((a, b) => (a < b ? a : b));
    const scale = vals[0]! > 0n ? vals[0]! : F.one;
    const rel = Number((gap * 1_000_000n) / scale) / 1e6;
    if (rel < 1e-6) return { scope: {}, degenerate: `group not isolated (relative gap ${rel.toExponential(2)})` };
    const g = Array.from({ length: n }, (_, i) => (i >= lo && i < hi ? F.one : 0n));
    const proj = (V: Mat): Mat => matmul(F, V.map((r) => r.map((v, j) => (g[j] ? v : 0n))), transpose(V));
    const rate = F.toNumber(maxAbsMat(P.ref.dM)) / F.toNumber(scale);
    const step = F.pow2(-Math.min(60, Math.max(4, Math.ceil(Math.log2((8 * rate) / rel)))));
    const d = pathDerivative(P, (s) => proj(s.eig.vectors).flat(), step);
    const dP: Mat = Array.from({ length: n }, (_, i) => d.slice(i * n, (i + 1) * n));
    return { scope: { ...spectralScope(P), g: dec(F, g), gap: dec(F, gap), I: dec(F, identity(F, n)), dP_fd: dec(F, dP) } };
  },
  tolerance: FD_TOLERANCE,
  variants: [
    { name: 'generator sign flipped', equations: { generator: { rhs: '-U * (B .* offdiv(pairdiff(g), pairdiff(lambda))) * transpose(U)' } } },
    { name: 'off-diagonal block claimed zero: P dP (I-P) = 0', equations: { inner: { lhs: 'P * dP_fd * (I - P)' } } },
    { name: 'factor 2 in the resolvent', equations: { generator: { rhs: 'U * (B .* offdiv(pairdiff(g), 2 * pairdiff(lambda))) * transpose(U)' } } },
  ],
});

interface LazyParams extends PathParams {
  /** T = T8 / 8 */
  T8: number;
}

export const lazyLimit = defineClaim<LazyParams>({
  id: 'kato.lazy-limit',
  group: 'kato',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\dot M \equiv 0 \;\Longrightarrow\; A \equiv 0,\quad c_k(t) = c_k(0)\,e^{-\lambda_k t}`,
  domain: fc.tuple(pathDomain({ nMin: 1, nMax: 12, rankDeficient: true }), fc.integer({ min: 1, max: 16 })).map(([p, T8]) => ({ ...p, T8 })),
  encoding: {
    defs: KATO_DEFS,
    equations: [
      { name: 'no-coupling', lhs: 'A', rhs: '0', scale: '1' },
      { name: 'decay', lhs: 'transpose(U) * eT', rhs: 'c .* vexp(-lambda * T)' },
    ],
  },
  instance(params, { digits }) {
    const P = pathAt(params, digits, true);
    const F = P.F;
    const T = F.ratio(params.T8, 8);
    // the independent route: integrate de/dt = -M e directly
    const [eT] = integrateLinearPoly(F, P.M, P.t0, P.e0, [P.t0 + T]);
    return { scope: { ...spectralScope(P), T: dec(F, T), eT: dec(F, eT!) } };
  },
  // on a frozen path dM = 0: B and A vanish whatever their form (shown on the stand-ins)
  structure: pathStructure([''], 'zero'),
  variants: [
    { name: 'energy rate used for amplitudes: exp(-2 lambda t)', equations: { decay: { rhs: 'c .* vexp(-2 * lambda * T)' } } },
    { name: 'sign flipped: exp(+lambda t)', equations: { decay: { rhs: 'c .* vexp(lambda * T)' } } },
  ],
});

export const katoClaims = [hellmannFeynman, eigenvectorVelocity, couplingAntisymmetry, modewiseOde, projector, lazyLimit];
