/**
 * shell: spectral-shell coarse-graining (Zhang, arXiv 2512.10427 and 2512.18209).
 * Log shells S_a = {k : a h <= ln lambda_k < (a+1) h}, shell energies E_a = sum_{k in S_a} c_k^2,
 * transfers T_ab = 2 sum_{k in S_a, j in S_b} A_kj c_k c_j.
 */
import fc from 'fast-check';
import { defineClaim, shellLabels, NULL_SHELL, shellIndicator, sym, type Claim, type Encoding } from '../src/api/index.js';
import { dec, identity, matmul, matvec, transpose, type Mat, type Vec } from '../src/api/numeric.js';
import type { SpectralPath } from '../src/api/models.js';
import { degeneracy, FD_TOLERANCE, pathAt, pathDerivative, pathDomain, spectralScope, type PathParams } from './instances.js';
import { KATO_DEFS, pathStructure } from './kato.js';

const SOURCE = 'arXiv:2512.10427; arXiv:2512.18209';

interface ShellParams extends PathParams {
  /** shell width h = h4 / 4 */
  h4: number;
  /** which shell the projector form looks at (mod the number of shells) */
  shell: number;
}

/** M = JJ^T of any rank: a kernel is the null shell, a shell like the others. */
const shellDomain = (): fc.Arbitrary<ShellParams> =>
  fc
    .tuple(pathDomain({ nMin: 2, nMax: 12, rankDeficient: true }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 11 }))
    .map(([p, h4, shell]) => ({ ...p, h4, shell }));

/** Shell indicator: the log shells, then the null shell (the kernel of M) as the last column. */
const SHELL_DEFS: Encoding['defs'] = [...KATO_DEFS, ['Ind', 'concat(logshells(lambda, h), transpose([nullshell(lambda)]))'], ['T', '2 * transpose(Ind) * diag(c) * A * diag(c) * Ind']];

/**
 * Shell labels at t0, or the reason they cannot be trusted: an eigenvalue in the twilight
 * between zero and the resolvable spectrum, one on a shell boundary, or (for a difference
 * window) one that crosses a boundary within the window. The window is halved a few times
 * before a crossing is reported; the usable window is returned.
 */
function labelsOrCrossing(P: SpectralPath, params: ShellParams, digits: number, window: bigint): { labels: number[]; window: bigint } | { degenerate: string } {
  const F = P.F;
  const h = new F.D(params.h4).div(4);
  const labelsAt = (s: bigint): number[] => shellLabels(P.at(s).eig.values.map((v) => F.toDecimal(v)), h, digits);
  const vals = P.ref.eig.values;
  const labels = labelsAt(0n);
  const top = F.toNumber(vals[0]!);
  for (let k = 0; k < vals.length; k++) {
    if (labels[k] === NULL_SHELL) continue;
    const x = F.toDecimal(vals[k]!);
    if (x.lte(0) || x.toNumber() < top * 1e-12) return { degenerate: `eigenvalue ${x.toExponential(3)} neither resolved nor null` };
    const pos = x.ln().div(h);
    if (pos.minus(pos.round()).abs().lt(1e-9)) return { degenerate: `mode ${k + 1} on a shell boundary` };
  }
  if (window === 0n) return { labels, window };
  const same = (a: number[]): boolean => a.every((l, i) => l === labels[i]);
  for (let w = window, i = 0; i < 6; i++, w >>= 1n) if (same(labelsAt(w)) && same(labelsAt(-w))) return { labels, window: w };
  return { degenerate: 'shell-boundary crossing within the difference window' };
}

export const partition = defineClaim<ShellParams>({
  id: 'shell.partition',
  group: 'shell',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\{1..n\} = S_\varnothing \sqcup \bigsqcup_a S_a,\ S_a = \{k: ah \le \ln\lambda_k < (a+1)h\},\ S_\varnothing = \{k: \lambda_k = 0\};\quad \sum_a E_a + E_\varnothing = \|e\|^2`,
  domain: shellDomain(),
  encoding: {
    defs: [['c', 'transpose(U) * e'], ['z', 'nullshell(lambda)'], ['Ind', 'logshells(lambda, h)']],
    equations: [
      { name: 'membership', lhs: 'sum(Ind, 2) + z', rhs: 'ones_n' },
      { name: 'energy', lhs: 'sum(transpose(Ind) * (c .^ 2)) + dot(z, c .^ 2)', rhs: 'dot(e, e)' },
    ],
  },
  instance(params, { digits }) {
    const P = pathAt(params, digits);
    const L = labelsOrCrossing(P, params, digits, 0n);
    if ('degenerate' in L) return { scope: {}, degenerate: L.degenerate };
    return { scope: { ...spectralScope(P), h: params.h4 / 4, ones_n: dec(P.F, new Array<bigint>(params.n).fill(P.F.one)) } };
  },
  equivalentMutants: [
    { site: 'def c', kinds: ['whole side negated', 'transpose removed'], why: 'the energy equation sums c_k^2 over every shell: |c|^2 = |e|^2 for c = -U^T e and for c = U e alike (U orthogonal)' },
  ],
  variants: [
    { name: 'null shell dropped from the energy', equations: { energy: { lhs: 'sum(transpose(Ind) * (c .^ 2))' } } },
    { name: 'zero eigenvalues binned as lambda = 1 too', defs: { Ind: 'logshells(lambda + z, h)' } },
  ],
});

export const intraCancellation = defineClaim<ShellParams>({
  id: 'shell.intra-cancellation',
  group: 'shell',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\sum_{k,j\in S_a,\ j\ne k} A_{kj}\,c_k c_j = 0\quad\text{for every shell } S_a \text{ and every } e`,
  domain: shellDomain(),
  affinity: 'shell-path',
  encoding: {
    defs: SHELL_DEFS,
    equations: [{ name: 'intra', lhs: 'diag(transpose(Ind) * diag(c) * A * diag(c) * Ind)', rhs: '0', scale: 'sum(abs(diag(c) * A * diag(c))) + dot(c, c) * norm(dM, "fro") / mingap' }],
  },
  instance(params, { digits }) {
    const P = pathAt(params, digits);
    const degenerate = degeneracy(P) ?? ('degenerate' in labelsOrCrossing(P, params, digits, 0n) ? 'eigenvalue on a shell boundary' : undefined);
    if (degenerate) return { scope: {}, degenerate };
    return { scope: { ...spectralScope(P), h: params.h4 / 4 } };
  },
  // symbolic antisymmetric couplings of size 3-5, split into two shells; and, at size 3, the
  // couplings built by the definitions themselves from a generic symmetric B and spectrum
  symbolic: {
    scopes: () => [
      ...[3, 4, 5].map((n) => ({
        A: sym.antisymmetric('a', n),
        c: sym.vector('c', n),
        Ind: sym.shells(Array.from({ length: n }, (_, i) => (i < Math.ceil(n / 2) ? 0 : -1))),
      })),
      { B: sym.symmetric('b', 3), lambda: sym.vector('l', 3), c: sym.vector('c', 3), Ind: sym.shells([0, 0, -1]) },
    ],
  },
  structure: pathStructure(['']),
  equivalentMutants: [
    { site: 'def c', kinds: ['transpose removed'], why: 'the intra-shell sum vanishes for every vector c (A is antisymmetric; shown symbolically for generic c): c = U e says the same' },
    { site: 'def B', kinds: ['factor 2 on the whole side', 'whole side negated'], why: 'B enters only through A = offdiv(B^T, pairdiff(lambda)): a rescaled B rescales A, which stays antisymmetric, and the sum vanishes for every antisymmetric A (shown symbolically)' },
  ],
  variants: [
    { name: 'a cross-shell pair counted as intra-shell', equations: { intra: { lhs: 'transpose(Ind) * diag(c) * A * c' } } },
    { name: 'couplings taken in absolute value', equations: { intra: { lhs: 'diag(transpose(Ind) * diag(c) * abs(A) * diag(c) * Ind)' } } },
  ],
});

/** E_a(t) = sum over the t0-shells of c_k(t)^2, and the shell indicator at t0 (null shell last). */
function shellEnergies(P: SpectralPath, labels: number[]): { ind: Mat; energy: (U: Mat, e: Vec) => Vec } {
  const F = P.F;
  // the same indicator the encoding's Ind builds, over fixed-point scalars
  const logShells = shellIndicator<bigint>({ sub: (a, b) => a - b, div: F.div.bind(F), zero: () => 0n, one: () => F.one, isExactZero: (a) => a === 0n }, labels);
  const ind = logShells.map((row, k) => [...row, labels[k] === NULL_SHELL ? F.one : 0n]);
  return {
    ind,
    energy: (U, e) => {
      const c2 = matvec(F, transpose(U), e).map((ck) => F.mul(ck, ck));
      return matvec(F, transpose(ind), c2);
    },
  };
}

export const energyBalance = defineClaim<ShellParams>({
  id: 'shell.energy-balance',
  group: 'shell',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\frac{dE_a}{dt} = -2\sum_{k\in S_a}\lambda_k c_k^2 + \sum_{b\ne a} T_{ab},\quad T_{ab} = 2\sum_{k\in S_a,\,j\in S_b} A_{kj}c_kc_j,\quad a, b \text{ over the log shells and } S_\varnothing`,
  domain: shellDomain(),
  affinity: 'shell-path',
  encoding: {
    defs: SHELL_DEFS,
    // measured against a bound on every term, |c|^2 (max lambda + |dM| / mingap): where e lies in
    // the kernel of M every shell's rate is exactly 0, and the sides' own size is then the
    // difference's rounding, which stays put at any precision (a false refutation, run seeds 31, 8191)
    equations: [{ name: 'balance', lhs: 'dE_fd', rhs: '-2 * transpose(Ind) * (lambda .* c .^ 2) + (sum(T, 2) - diag(T))', scale: 'dot(c, c) * (max(lambda) + norm(dM, "fro") / mingap)' }],
  },
  instance(params, { digits }) {
    const P = pathAt(params, digits);
    const degenerate = degeneracy(P);
    if (degenerate) return { scope: {}, degenerate };
    const L = labelsOrCrossing(P, params, digits, P.fdStep());
    if ('degenerate' in L) return { scope: {}, degenerate: L.degenerate };
    const { energy } = shellEnergies(P, L.labels);
    const dE = pathDerivative(P, (s) => energy(s.eig.vectors, s.e), L.window);
    return { scope: { ...spectralScope(P), h: params.h4 / 4, dE_fd: dec(P.F, dE) } };
  },
  tolerance: FD_TOLERANCE,
  structure: pathStructure(['']),
  equivalentMutants: [
    { site: 'def c', kinds: ['whole side negated'], why: 'dissipation and transfers are quadratic in c' },
    { site: 'eq balance.rhs', kinds: ['sign flipped', 'term dropped'], at: 'sum(T, 2) - diag(T) -> sum(T, 2)', why: 'T_aa = 0: the intra-shell transfer cancels (shell.intra-cancellation), so subtracting, adding or dropping diag(T) says the same' },
  ],
  variants: [
    { name: 'dissipation without the factor 2', equations: { balance: { rhs: '-transpose(Ind) * (lambda .* c .^ 2) + (sum(T, 2) - diag(T))' } } },
    { name: 'transfer sign flipped', equations: { balance: { rhs: '-2 * transpose(Ind) * (lambda .* c .^ 2) - (sum(T, 2) - diag(T))' } } },
    { name: 'transfer without the factor 2', defs: { T: 'transpose(Ind) * diag(c) * A * diag(c) * Ind' } },
    { name: 'no transfer into the null shell (the kernel of M)', defs: { T: '2 * transpose(Ind) * diag(c .* (1 - nullshell(lambda))) * A * diag(c .* (1 - nullshell(lambda))) * Ind' } },
  ],
});

export const transferAntisymmetry = defineClaim<ShellParams>({
  id: 'shell.transfer-antisymmetry',
  group: 'shell',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`T_{ab} = -T_{ba},\qquad \sum_{a,b}T_{ab} = 0,\qquad \frac{d\|e\|^2}{dt} = -2e^\top Me`,
  domain: shellDomain(),
  affinity: 'shell-path',
  encoding: {
    defs: SHELL_DEFS,
    equations: [
      { name: 'antisymmetry', lhs: 'T', rhs: '-transpose(T)', scale: '2 * sum(abs(diag(c) * A * diag(c))) + 2 * dot(c, c) * norm(dM, "fro") / mingap' },
      { name: 'total', lhs: 'sum(T)', rhs: '0', scale: 'sum(abs(T)) + 1' },
      // against |e|^2 (|M| + |dM|), not the sides' size: e in the kernel of M makes both 0 (see shell.energy-balance)
      { name: 'norm', lhs: 'dN_fd', rhs: '-2 * dot(e, M * e)', scale: 'dot(e, e) * (norm(M, "fro") + norm(dM, "fro"))' },
    ],
  },
  instance(params, { digits }) {
    const P = pathAt(params, digits);
    const degenerate = degeneracy(P) ?? ('degenerate' in labelsOrCrossing(P, params, digits, 0n) ? 'eigenvalue on a shell boundary' : undefined);
    if (degenerate) return { scope: {}, degenerate };
    const F = P.F;
    const dN = pathDerivative(P, (s) => [s.e.reduce((a, v) => a + F.mul(v, v), 0n)]);
    return { scope: { ...spectralScope(P), h: params.h4 / 4, dN_fd: dec(F, dN[0]!) } };
  },
  symbolic: {
    scopes: () => [3, 4].map((n) => ({ A: sym.antisymmetric('a', n), c: sym.vector('c', n), Ind: sym.shells(Array.from({ length: n }, (_, i) => -(i % 3))) })),
    equations: ['antisymmetry', 'total'],
  },
  tolerance: FD_TOLERANCE,
  structure: pathStructure(['']),
  equivalentMutants: [
    { site: 'def c', kinds: ['transpose removed'], why: 'T is antisymmetric for every vector c (shown symbolically for generic c): c = U e says the same' },
    { site: 'def B', kinds: ['factor 2 on the whole side', 'whole side negated'], why: 'B enters only through A = offdiv(B^T, pairdiff(lambda)): a rescaled B rescales A, which stays antisymmetric, and T is antisymmetric for every antisymmetric A (shown symbolically)' },
  ],
  variants: [
    { name: 'transfers symmetric: T = T^T', equations: { antisymmetry: { rhs: 'transpose(T)' } } },
    { name: 'norm rate without the factor 2', equations: { norm: { rhs: '-dot(e, M * e)' } } },
  ],
});

export const projectorForm = defineClaim<ShellParams>({
  id: 'shell.projector-form',
  group: 'shell',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\frac{dE_a}{dt} = -2\langle e, MP_ae\rangle + 2\langle P_ae, \dot P_a(I-P_a)e\rangle`,
  domain: shellDomain(),
  affinity: 'shell-path',
  encoding: {
    defs: [['P', 'U * diag(g) * transpose(U)']],
    // the terms' natural size |e|^2 (|M| + |dM|/gap): a shell holding almost none of e has both sides at rounding level
    equations: [{ name: 'projector', lhs: 'dEa_fd', rhs: '-2 * dot(e, M * P * e) + 2 * dot(P * e, dP_fd * (I - P) * e)', scale: 'abs(dEa_fd) + dot(e, e) * (norm(M, "fro") + norm(dM, "fro") / mingap)' }],
  },
  instance(params, { digits }) {
    const P = pathAt(params, digits);
    const degenerate = degeneracy(P);
    if (degenerate) return { scope: {}, degenerate };
    const L = labelsOrCrossing(P, params, digits, P.fdStep());
    if ('degenerate' in L) return { scope: {}, degenerate: L.degenerate };
    const F = P.F;
    const n = params.n;
    const { ind } = shellEnergies(P, L.labels);
    // an occupied shell (the null shell too, when M has a kernel): an empty one checks 0 = 0
    const occupied = ind[0]!.map((_, a) => a).filter((a) => ind.some((r) => r[a] !== 0n));
    const a = occupied[params.shell % occupied.length]!;
    const g = ind.map((r) => r[a]!);
    const proj = (U: Mat): Mat => matmul(F, U.map((r) => r.map((v, j) => (g[j] ? v : 0n))), transpose(U));
    // one sweep of differences gives both dE_a/dt and dP_a/dt
    const d = pathDerivative(P, (s) => {
      const Pa = proj(s.eig.vectors);
      const pe = matvec(F, Pa, s.e);
      return [pe.reduce((acc, v) => acc + F.mul(v, v), 0n), ...Pa.flat()];
    }, L.window);
    const dP: Mat = Array.from({ length: n }, (_, i) => d.slice(1 + i * n, 1 + (i + 1) * n));
    return { scope: { ...spectralScope(P), g: dec(F, g), I: dec(F, identity(F, n)), dEa_fd: dec(F, d[0]!), dP_fd: dec(F, dP) } };
  },
  tolerance: FD_TOLERANCE,
  equivalentMutants: [
    { site: 'eq projector.rhs', kinds: ['sign flipped', 'term dropped'], at: /^(sign flipped: I - P -> I \+ \(P\)|term dropped: I - P -> I)$/, why: 'P dP P = 0 for a projector (kato.projector): <Pe, dP P e> vanishes, so dP (I - P), dP (I + P) and dP give the same rate' },
  ],
  variants: [
    { name: 'dissipation without the factor 2', equations: { projector: { rhs: '-dot(e, M * P * e) + 2 * dot(P * e, dP_fd * (I - P) * e)' } } },
    { name: 'wrong projector side: P dP P', equations: { projector: { rhs: '-2 * dot(e, M * P * e) + 2 * dot(P * e, dP_fd * P * e)' } } },
  ],
});

export const shellClaims = [partition, intraCancellation, energyBalance, transferAntisymmetry, projectorForm];
