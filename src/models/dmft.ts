/**
 * Dynamical mean-field theory (DMFT) for a separable first-order dynamics driven by the gradient
 * of a Gaussian least-squares loss, in discrete time (so that the effective process is exact on
 * its grid, with no time-discretisation error to separate from the finite-size gap).
 *
 * The high-dimensional system: X (n x d) with i.i.d. N(0, 1/d) entries, n / d = delta, per
 * coordinate a state x_i, a target theta_i and an error Delta_i = readout(x_i, theta_i); the
 * residual e = X Delta - eps (eps_mu ~ N(0, sigma^2)) and the gradient field g = X^T e drive
 *     x_i^{k+1} = x_i^k + dt * drift(x_i^k, g_i^k, theta_i).
 * The cavity method gives, as d -> infinity with delta fixed, two scalar effective processes:
 *   sample side:     e^k = zeta^k + sum_{j<k} R[k,j] e^j - eps,   zeta ~ GP(0, C_Delta)
 *                    so e = Re (zeta - eps) with Re = (I - R)^{-1};
 *   coordinate side: g^k = eta^k + delta sum_{j<=k} Re[k,j] Delta^j,   eta ~ GP(0, delta C_e),
 *                    C_e = Re (C_Delta + sigma^2 1 1^T) Re^T,
 * closed by C_Delta[k,j] = E Delta^k Delta^j and the response R[k,j] = E dDelta^k / dh^j of the
 * coordinate process to a field h added to g at step j. Train loss (per sample) is C_e[k,k] / 2,
 * test error (per coordinate) C_Delta[k,k] / 2.
 *
 * The fixed point is found by damped iteration with common random numbers (the same Gaussian
 * draws every sweep, so the iteration map is deterministic and converges to the tolerance).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** One atom of a discrete prior on a coordinate's (target, initial state). */
export interface Atom {
  theta: number;
  x0: number;
  weight: number;
}

/** One coordinate's law: a discrete prior, the drift and the readout with their partials. */
export interface SeparableDynamics {
  /**
   * the prior on (theta, x0): the effective process averages over it exactly (stratified), the
   * finite system fills its coordinates in these proportions
   */
  prior: Atom[];
  /** out[0] = drift(x, g, theta), out[1] = d/dx, out[2] = d/dg */
  drift(x: number, g: number, theta: number, out: Float64Array): void;
  /** out[0] = Delta(x, theta), out[1] = d/dx */
  readout(x: number, theta: number, out: Float64Array): void;
}

export interface DmftOptions {
  /** n / d */
  delta: number;
  /** label noise standard deviation */
  sigma: number;
  dt: number;
  /** time steps K (the grid is k = 0..K) */
  steps: number;
  /** Monte Carlo paths of the coordinate process */
  samples: number;
  /** weight of the new iterate (1 = undamped) */
  damping: number;
  /** stop when the largest change of C_Delta and R falls below this */
  tol: number;
  maxIter: number;
  seed: number;
  /**
   * Ablations for checking that each part of the closure is load-bearing: drop the response
   * (Re = I, no memory), or the factor delta in the noise covariance.
   */
  ablate?: 'response' | 'noiseDelta';
  /**
   * Moment matching: within each atom's paths, whiten the Gaussian draws so that their sample
   * covariance is exactly the identity (the antithetic pairs already make their mean exactly 0).
   * The part of the Monte Carlo error carried by the draws' sample second moments goes; what is
   * left is O(1/M) bias, far below the Monte Carlo error (default: off).
   */
  momentMatch?: boolean;
  /**
   * Start the iteration from these kernels (a solution of the same closure from other draws, say)
   * instead of the frozen error: the fixed point is the same, reached in fewer sweeps.
   */
  init?: { CDelta: Float64Array; R: Float64Array };
}

export interface DmftSolution {
  /** (K+1) x (K+1), row-major */
  CDelta: Float64Array;
  Ce: Float64Array;
  R: Float64Array;
  Re: Float64Array;
  train: number[];
  test: number[];
  iterations: number;
  /** the last sweep's largest change */
  change: number;
}

/** Box–Muller normals from a uniform source on [0, 1). */
export function gaussianSource(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - uniform();
    const v = uniform();
    const rad = Math.sqrt(-2 * Math.log(u));
    spare = rad * Math.sin(2 * Math.PI * v);
    return rad * Math.cos(2 * Math.PI * v);
  };
}

/** mulberry32: the same generator as src/numeric/rng.ts, inlined for the hot sampling loops. */
export function uniformSource(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Re = (I - R)^{-1} for a strictly lower-triangular R, by forward substitution. */
export function resolvent(R: Float64Array, N: number): Float64Array {
  const Re = new Float64Array(N * N);
  for (let c = 0; c < N; c++) {
    Re[c * N + c] = 1;
    for (let k = c + 1; k < N; k++) {
      let s = 0;
      for (let j = c; j < k; j++) s += R[k * N + j]! * Re[j * N + c]!;
      Re[k * N + c] = s;
    }
  }
  return Re;
}

/** C_e = Re (C_Delta + sigma^2) Re^T. */
export function sampleCovariance(Re: Float64Array, CDelta: Float64Array, sigma: number, N: number): Float64Array {
  const A = new Matrix(N, N);
  const C = new Matrix(N, N);
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) {
      A.set(i, j, Re[i * N + j]!);
      C.set(i, j, CDelta[i * N + j]! + sigma * sigma);
    }
  const out = A.mmul(C).mmul(A.transpose());
  const flat = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) flat[i * N + j] = (out.get(i, j) + out.get(j, i)) / 2;
  return flat;
}

/** A square root S S^T = C of a positive semidefinite matrix (negative rounding eigenvalues clipped). */
export function psdSqrt(C: Float64Array, N: number): Float64Array {
  const M = new Matrix(N, N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) M.set(i, j, C[i * N + j]!);
  const eig = new EigenvalueDecomposition(M, { assumeSymmetric: true });
  const V = eig.eigenvectorMatrix;
  const lam = eig.realEigenvalues;
  const S = new Float64Array(N * N);
  for (let i = 0; i < N; i++)
    for (let c = 0; c < N; c++) S[i * N + c] = V.get(i, c) * Math.sqrt(Math.max(0, lam[c]!));
  return S;
}

/**
 * One sweep: sample the coordinate process under the current kernels (Re, noise square root S)
 * and return the sampled C_Delta and response R.
 */
function sweep(dyn: SeparableDynamics, o: DmftOptions, N: number, Re: Float64Array, S: Float64Array, theta: Float64Array, x0: Float64Array, weight: Float64Array, Z: Float64Array): { CDelta: Float64Array; R: Float64Array } {
  const K = N - 1;
  const M = theta.length;
  const CD = new Float64Array(N * N);
  const RR = new Float64Array(N * N);
  const x = new Float64Array(N);
  const D = new Float64Array(N);
  const Dx = new Float64Array(N);
  const fx = new Float64Array(N);
  const fg = new Float64Array(N);
  const eta = new Float64Array(N);
  // chi[k, s] = dx^k / dh^s and psi[k, s] = dDelta^k / dh^s, s < k
  const chi = new Float64Array(N * N);
  const psi = new Float64Array(N * N);
  const buf = new Float64Array(3);
  const sd = o.ablate === 'noiseDelta' ? 1 : Math.sqrt(o.delta);
  for (let m = 0; m < M; m++) {
    const th = theta[m]!;
    const wm = weight[m]!;
    const z = m * N;
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let c = 0; c < N; c++) s += S[k * N + c]! * Z[z + c]!;
      eta[k] = sd * s;
    }
    x[0] = x0[m]!;
    for (let k = 0; k <= K; k++) {
      dyn.readout(x[k]!, th, buf);
      D[k] = buf[0]!;
      Dx[k] = buf[1]!;
      if (k === K) break;
      let mem = 0;
      for (let j = 0; j <= k; j++) mem += Re[k * N + j]! * D[j]!;
      const g = eta[k]! + o.delta * mem;
      dyn.drift(x[k]!, g, th, buf);
      fx[k] = buf[1]!;
      fg[k] = buf[2]!;
      x[k + 1] = x[k]! + o.dt * buf[0]!;
    }
    for (let k = 0; k <= K; k++) {
      const Dk = wm * D[k]!;
      for (let j = 0; j <= k; j++) CD[k * N + j]! += Dk * D[j]!;
    }
    if (o.ablate === 'response') continue;
    // response: chi[s+1, s] = dt fg[s]; chi[k+1, s] = chi[k, s] (1 + dt fx[k]) + dt fg[k] dg^k/dh^s
    for (let k = 1; k <= K; k++) {
      const prev = k - 1;
      const a = 1 + o.dt * fx[prev]!;
      const b = o.dt * fg[prev]!;
      for (let s = 0; s < prev; s++) {
        // dg^{k-1} / dh^s = delta sum_{j=s+1}^{k-1} Re[k-1, j] psi[j, s]
        let mem = 0;
        for (let j = s + 1; j <= prev; j++) mem += Re[prev * N + j]! * psi[j * N + s]!;
        chi[k * N + s] = chi[prev * N + s]! * a + b * o.delta * mem;
      }
      chi[k * N + prev] = b;
      const dk = Dx[k]!;
      for (let s = 0; s < k; s++) {
        const p = dk * chi[k * N + s]!;
        psi[k * N + s] = p;
        RR[k * N + s]! += wm * p;
      }
    }
  }
  for (let k = 0; k < N; k++)
    for (let j = 0; j <= k; j++) {
      const c = CD[k * N + j]!;
      CD[j * N + k] = c;
    }
  return { CDelta: CD, R: RR };
}

/**
 * Rows r0 .. r0 + rows - 1 of Z (rows x N, row-major) replaced by L^-1 z, where L L^T is their
 * sample second-moment matrix: afterwards that matrix is exactly the identity.
 */
export function whiten(Z: Float64Array, r0: number, rows: number, N: number): void {
  const C = new Float64Array(N * N);
  for (let r = r0; r < r0 + rows; r++)
    for (let i = 0; i < N; i++) {
      const zi = Z[r * N + i]!;
      for (let j = 0; j <= i; j++) C[i * N + j]! += (zi * Z[r * N + j]!) / rows;
    }
  // Cholesky C = L L^T (lower triangle in place)
  for (let j = 0; j < N; j++) {
    let d = C[j * N + j]!;
    for (let k = 0; k < j; k++) d -= C[j * N + k]! ** 2;
    if (!(d > 0)) throw new Error('whiten: the draws do not span every direction (too few paths)');
    const ljj = Math.sqrt(d);
    C[j * N + j] = ljj;
    for (let i = j + 1; i < N; i++) {
      let s = C[i * N + j]!;
      for (let k = 0; k < j; k++) s -= C[i * N + k]! * C[j * N + k]!;
      C[i * N + j] = s / ljj;
    }
  }
  for (let r = r0; r < r0 + rows; r++)
    for (let i = 0; i < N; i++) {
      let s = Z[r * N + i]!;
      for (let k = 0; k < i; k++) s -= C[i * N + k]! * Z[r * N + k]!;
      Z[r * N + i] = s / C[i * N + i]!;
    }
}

/** The effective process's population: its atoms, weights and driving noise. */
export interface Population {
  /** per sample: the prior atom's target and start, and its weight (summing to 1) */
  theta: Float64Array;
  x0: Float64Array;
  weight: Float64Array;
  /** driving noise, M rows of N times */
  Z: Float64Array;
  M: number;
}

/**
 * Samples stratified over the prior's atoms (an even number per atom), with antithetic pairs
 * of driving noise within each atom, whitened per atom when asked (momentMatch).
 */
export function drawPopulation(dyn: SeparableDynamics, o: { seed: number; samples: number; momentMatch?: boolean }, N: number): Population {
  const gauss = gaussianSource(uniformSource(o.seed));
  const A = dyn.prior.length;
  const per = 2 * Math.max(1, Math.ceil(o.samples / (2 * A)));
  const M = per * A;
  const theta = new Float64Array(M);
  const x0 = new Float64Array(M);
  const weight = new Float64Array(M);
  const total = dyn.prior.reduce((s, a) => s + a.weight, 0);
  dyn.prior.forEach((a, i) => {
    theta.fill(a.theta, i * per, (i + 1) * per);
    x0.fill(a.x0, i * per, (i + 1) * per);
    weight.fill(a.weight / total / per, i * per, (i + 1) * per);
  });
  const Z = new Float64Array(M * N);
  for (let m = 0; m < M; m += 2)
    for (let c = 0; c < N; c++) {
      const v = gauss();
      Z[m * N + c] = v;
      Z[(m + 1) * N + c] = -v;
    }
  if (o.momentMatch === true) for (let a = 0; a < A; a++) whiten(Z, a * per, per, N);
  return { theta, x0, weight, Z, M };
}

/** Solve the DMFT closure to self-consistency. */
export function solveDmft(dyn: SeparableDynamics, o: DmftOptions): DmftSolution {
  const N = o.steps + 1;
  const { theta, x0, weight, Z, M } = drawPopulation(dyn, o, N);
  // start: the error frozen at its initial value, no response
  let CDelta = new Float64Array(N * N);
  const buf = new Float64Array(3);
  let c0 = 0;
  for (let m = 0; m < M; m++) {
    dyn.readout(x0[m]!, theta[m]!, buf);
    c0 += weight[m]! * buf[0]! * buf[0]!;
  }
  CDelta.fill(c0);
  let R = new Float64Array(N * N);
  if (o.init) {
    if (o.init.CDelta.length !== N * N || o.init.R.length !== N * N) throw new Error(`solveDmft: init kernels must be ${N} x ${N}`);
    CDelta = Float64Array.from(o.init.CDelta);
    R = Float64Array.from(o.init.R);
  }
  let change = Infinity;
  let it = 0;
  let Re = resolvent(R, N);
  let Ce = sampleCovariance(Re, CDelta, o.sigma, N);
  while (it < o.maxIter && change > o.tol) {
    it++;
    const S = psdSqrt(Ce, N);
    const next = sweep(dyn, o, N, Re, S, theta, x0, weight, Z);
    change = 0;
    const b = o.damping;
    const C2 = new Float64Array(N * N);
    const R2 = new Float64Array(N * N);
    for (let i = 0; i < N * N; i++) {
      C2[i] = (1 - b) * CDelta[i]! + b * next.CDelta[i]!;
      R2[i] = (1 - b) * R[i]! + b * next.R[i]!;
      change = Math.max(change, Math.abs(next.CDelta[i]! - CDelta[i]!), Math.abs(next.R[i]! - R[i]!));
    }
    CDelta = C2;
    R = R2;
    Re = resolvent(R, N);
    Ce = sampleCovariance(Re, CDelta, o.sigma, N);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (let k = 0; k < N; k++) {
    train.push(Ce[k * N + k]! / 2);
    test.push(CDelta[k * N + k]! / 2);
  }
  return { CDelta, Ce, R, Re, train, test, iterations: it, change };
}
