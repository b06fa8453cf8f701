/**
 * Spectral paths with a prescribed spectrum, for stress tests of the verifier: eigenvalue
 * clusters with gaps far below a double's resolution, crossings at a chosen time, eigenvalues
 * placed on (or grazing) a given value such as a log-shell boundary, eigenvectors that stand
 * still or rotate. J(s) = Q [diag(sigma(s)) | 0] + eps s C, so that M = J J^T has the eigenvalues
 * sigma_i(0)^2 at s = 0, and sigma_i(s)^2 with the eigenvectors Q at every s when eps = 0.
 */
import type { Fixed } from '../numeric/fixed.js';
import { eigSymRefined } from '../numeric/eigen.js';
import { matmul, type Mat, type Vec } from '../numeric/linalg.js';
import { polyDerivative, polyEval, polyOuter, type MatPoly } from '../numeric/poly.js';
import { Rng } from '../numeric/rng.js';
import { SpectralPath, type Snapshot } from './path.js';

export interface PathDesign {
  n: number;
  p: number;
  seed: number;
  /**
   * log-eigenvalues at s = 0 as base + offset, summed at the working precision: the offset
   * carries gaps (1e-30) that a double next to the base could not
   */
  logEig: [base: number, offset: number][];
  /** relative velocity and curvature of each singular value: sigma_i(s) = sigma_i(0) (1 + v_i s + w_i s^2) */
  v: number[];
  w: number[];
  /** modes i and j (indices into logEig) cross at s = at: v_j is solved for at the working precision */
  cross?: { i: number; j: number; at: number };
  /** size of a seeded generic velocity added to J (the eigenvectors turn); 0 keeps them exactly Q */
  eps: number;
  /**
   * Q: a product of seeded Householder reflections; the DCT basis (entries of size ~ n^-1/2);
   * or a Paley Hadamard basis (n = q + 1, q a prime = 3 mod 4: n = 4, 8, 12, 20, ...), every
   * entry +-n^-1/2, where a rank-two dM has entries n times smaller than its eigenvalues
   */
  basis: 'random' | 'flat' | 'hadamard';
}

/** The singular values of the design at s = 0, their velocities and curvatures, at the working precision. */
export function designedSigmas(F: Fixed, d: PathDesign): { s0: bigint[]; v: bigint[]; w: bigint[] } {
  const D = F.D;
  const x = d.logEig.map(([b, o]) => new D(b).plus(o));
  const s0 = x.map((xi) => xi.div(2).exp());
  const v = d.v.map((vi) => new D(vi));
  const w = d.w.map((wi) => new D(wi));
  if (d.cross) {
    const { i, j, at } = d.cross;
    // sigma_i(at) = sigma_j(at), both linear in s
    const a = new D(at);
    v[j] = s0[i]!.mul(v[i]!.mul(a).plus(1)).div(s0[j]!).minus(1).div(a);
    w[i] = new D(0);
    w[j] = new D(0);
  }
  return { s0: s0.map((s) => F.fromDecimal(s)), v: v.map((s) => F.fromDecimal(s)), w: w.map((s) => F.fromDecimal(s)) };
}

/** Paley's construction I: H = I + S, S the skew conference matrix of the quadratic residues mod q = n - 1. */
export function paleyHadamard(n: number): number[][] {
  const q = n - 1;
  const prime = q > 2 && Array.from({ length: Math.floor(Math.sqrt(q)) - 1 }, (_, i) => i + 2).every((d) => q % d !== 0);
  if (!prime || q % 4 !== 3) throw new Error(`design: no Paley Hadamard basis of order ${n}`);
  const residues = new Set(Array.from({ length: q - 1 }, (_, i) => ((i + 1) * (i + 1)) % q));
  const chi = (x: number): number => (x % q === 0 ? 0 : residues.has(((x % q) + q) % q) ? 1 : -1);
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : i === 0 ? 1 : j === 0 ? -1 : chi(j - i))),
  );
}

function orthogonalBasis(F: Fixed, n: number, kind: PathDesign['basis'], rng: Rng): Mat {
  if (kind === 'hadamard') {
    const inv = F.fromDecimal(new F.D(n).sqrt().pow(-1));
    return paleyHadamard(n).map((row) => row.map((x) => (x > 0 ? inv : -inv)));
  }
  if (kind === 'flat') {
    // orthonormal DCT-II: Q_ik = c_k cos(pi (i + 1/2) k / n)
    const D = F.D;
    const pi = new D(-1).acos();
    return Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, k) => F.fromDecimal(pi.mul(i + 0.5).mul(k).div(n).cos().mul(new D(k === 0 ? 1 : 2).div(n).sqrt()))),
    );
  }
  let Q: Mat = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? F.one : 0n)));
  for (let r = 0; r < 2; r++) {
    // H = I - 2 u u^T / (u^T u) with a dyadic u
    const u = Array.from({ length: n }, () => {
      const [k, den] = rng.dyadic(1, 3);
      return F.ratio(k, den);
    });
    const uu = u.reduce((a, x) => a + F.mul(x, x), 0n);
    const H: Mat = u.map((ui, i) => u.map((uj, j) => (i === j ? F.one : 0n) - F.div(2n * F.mul(ui, uj), uu)));
    Q = matmul(F, Q, H);
  }
  return Q;
}

/** The coefficients of J(s) and the residual e0 of a design. */
export function designedJ(F: Fixed, d: PathDesign, constantJ: boolean): { J: MatPoly; e0: Vec } {
  const { n, p } = d;
  const m = Math.min(n, p);
  if (d.logEig.length !== m || d.v.length !== m || d.w.length !== m) throw new Error(`design: ${m} singular values expected`);
  const rng = new Rng(d.seed);
  const Q = orthogonalBasis(F, n, d.basis, rng);
  const { s0, v, w } = designedSigmas(F, d);
  const dyadicMat = (): Mat =>
    Array.from({ length: n }, () =>
      Array.from({ length: p }, () => {
        const [k, den] = rng.dyadic(1, 3);
        return F.ratio(k, den);
      }),
    );
  const eps = F.fromDecimal(new F.D(d.eps));
  const C = dyadicMat();
  const e0 = Array.from({ length: n }, () => {
    const [k, den] = rng.dyadic(1, 3);
    return F.ratio(k, den);
  });
  // Q [diag(c) | 0]: column i of Q scaled by c_i
  const qDiag = (c: bigint[]): Mat => Q.map((row) => Array.from({ length: p }, (_, i) => (i < m ? F.mul(row[i]!, c[i]!) : 0n)));
  const coef = [s0, s0.map((s, i) => F.mul(s, v[i]!)), s0.map((s, i) => F.mul(s, w[i]!))];
  const degree = constantJ ? 0 : w.some((x) => x !== 0n) ? 2 : 1;
  const J: MatPoly = [];
  for (let k = 0; k <= degree; k++) {
    const base = qDiag(coef[k]!);
    // the perturbation enters from first order on: the spectrum at s = 0 is exactly the designed one
    J.push(k === 1 && eps !== 0n ? base.map((row, i) => row.map((x, j) => x + F.mul(eps, C[i]![j]!))) : base);
  }
  return { J, e0 };
}

/**
 * A SpectralPath through a designed J, about t0 = 0. SpectralPath draws its own J from a seed;
 * this one replaces the draw (and the snapshot at t0 taken from it) before any use, so every
 * method of the base class (snapshots, the residual's series, difference steps) runs unchanged.
 */
export class DesignedPath extends SpectralPath {
  constructor(F: Fixed, readonly design: PathDesign, constantJ = false) {
    // a constant 1 x 1 draw: the cheapest base path to replace
    super(F, { n: 1, p: 1, deg: 0, seed: design.seed }, 0n, true);
    const { J, e0 } = designedJ(F, design, constantJ);
    const M = polyOuter(F, J, J);
    const dM = polyDerivative(F, M);
    const M0 = polyEval(F, M, 0n);
    const ref: Snapshot = { t: 0n, M: M0, dM: polyEval(F, dM, 0n), eig: eigSymRefined(F, M0), e: e0 };
    Object.assign(this, { spec: { n: design.n, p: design.p, deg: J.length - 1, seed: design.seed }, J, M, dM, e0, ref });
  }
}
