/**
 * kato: exact modewise dynamics in the moving eigenbasis of M = J J^T (Zhang, arXiv 2512.10427;
 * standard form: Kato's adiabatic perturbation theory, Rayleigh–Schrödinger).
 */
import fc from 'fast-check';
import type { Claim, Encoding } from '../src/core/claim.js';
import { sym } from '../src/symbolic/symbolic.js';
import { dec } from '../src/numeric/convert.js';
import { identity, matmul, matvec, maxAbsMat, transpose, type Mat } from '../src/numeric/linalg.js';
import { integrateLinearPoly } from '../src/numeric/ode.js';
import {
  colsOf,
  degeneracy,
  FD_TOLERANCE,
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

export const hellmannFeynman: Claim<PathParams> = {
  id: 'kato.hellmann-feynman',
  group: 'kato',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\dot\lambda_k = \langle u_k, \dot M u_k\rangle\quad(\lambda_k\ \text{simple})`,
  domain: simplePath,
  affinity: 'kato-path',
  encoding: { defs: KATO_DEFS, equations: [{ name: 'hf', lhs: 'dlambda_fd', rhs: 'diag(B)' }] },
  instance(params, digits) {
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
};

export const eigenvectorVelocity: Claim<PathParams> = {
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
      { name: 'velocity', lhs: 'dU_fd', rhs: 'U * transpose(A)' },
      { name: 'gauge', lhs: 'diag(transpose(U) * dU_fd)', rhs: '0', scale: 'norm(dU_fd, "fro") + norm(B, "fro")' },
    ],
  },
  instance(params, digits) {
    const P = pathAt(params, digits);
    const degenerate = degeneracy(P);
    if (degenerate) return { scope: {}, degenerate };
    const n = params.n;
    const d = pathDerivative(P, (s) => colsOf(s.eig.vectors));
    const dU: Mat = Array.from({ length: n }, (_, i) => d.slice(i * n, (i + 1) * n));
    return { scope: { ...spectralScope(P), dU_fd: dec(P.F, dU) } };
  },
  tolerance: FD_TOLERANCE,
  variants: [
    { name: 'coupling sign flipped: U A', equations: { velocity: { rhs: 'U * A' } } },
    { name: 'factor 2', equations: { velocity: { rhs: '2 * U * transpose(A)' } } },
    { name: 'gap sign flipped in A', defs: { A: 'offdiv(transpose(B), -pairdiff(lambda))' } },
  ],
};

export const couplingAntisymmetry: Claim<PathParams> = {
  id: 'kato.coupling-antisymmetry',
  group: 'kato',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`A_{kj} = -A_{jk}`,
  domain: simplePath,
  affinity: 'kato-path',
  encoding: { defs: KATO_DEFS, equations: [{ name: 'antisymmetry', lhs: 'A', rhs: '-transpose(A)' }] },
  instance(params, digits) {
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
};

export const modewiseOde: Claim<PathParams> = {
  id: 'kato.modewise-ode',
  group: 'kato',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\dot e = -M(t)e \;\Longrightarrow\; \dot c_k = -\lambda_k c_k + \sum_{j\ne k} A_{kj} c_j`,
  domain: simplePath,
  affinity: 'kato-path',
  encoding: { defs: KATO_DEFS, equations: [{ name: 'modewise', lhs: 'dc_fd', rhs: '-lambda .* c + A * c' }] },
  instance(params, digits) {
    const P = pathAt(params, digits);
    const degenerate = degeneracy(P);
    if (degenerate) return { scope: {}, degenerate };
    const dc = pathDerivative(P, (s) => matvec(P.F, transpose(s.eig.vectors), s.e));
    return { scope: { ...spectralScope(P), dc_fd: dec(P.F, dc) } };
  },
  tolerance: FD_TOLERANCE,
  variants: [
    { name: 'dissipation doubled: -2 lambda c', equations: { modewise: { rhs: '-2 * lambda .* c + A * c' } } },
    { name: 'coupling sign flipped', equations: { modewise: { rhs: '-lambda .* c - A * c' } } },
    { name: 'coupling transposed', equations: { modewise: { rhs: '-lambda .* c + transpose(A) * c' } } },
  ],
};

interface ProjectorParams extends PathParams {
  /** first index of the group (descending eigenvalues) and its size; null: take the kernel */
  g0: number;
  glen: number;
  kernel: boolean;
}

export const projector: Claim<ProjectorParams> = {
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
  instance(params, digits) {
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
};

interface LazyParams extends PathParams {
  /** T = T8 / 8 */
  T8: number;
}

export const lazyLimit: Claim<LazyParams> = {
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
  instance(params, digits) {
    const P = pathAt(params, digits, true);
    const F = P.F;
    const T = F.ratio(params.T8, 8);
    // the independent route: integrate de/dt = -M e directly
    const [eT] = integrateLinearPoly(F, P.M, P.t0, P.e0, [P.t0 + T]);
    return { scope: { ...spectralScope(P), T: dec(F, T), eT: dec(F, eT!) } };
  },
  variants: [
    { name: 'energy rate used for amplitudes: exp(-2 lambda t)', equations: { decay: { rhs: 'c .* vexp(-2 * lambda * T)' } } },
    { name: 'sign flipped: exp(+lambda t)', equations: { decay: { rhs: 'c .* vexp(lambda * T)' } } },
  ],
};

export const katoClaims = [hellmannFeynman, eigenvectorVelocity, couplingAntisymmetry, modewiseOde, projector, lazyLimit];
