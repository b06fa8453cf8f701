/**
 * The DMFT closure of src/models/dmft.ts solved in one pass forward in time instead of by
 * repeated sweeps. Every kernel is causal: C_Delta and R up to step k need the paths up to step k,
 * which need the noise up to step k - 1, whose covariance delta C_e (up to k - 1) needs only
 * C_Delta and R up to k - 1 (C_e = Re (C_Delta + sigma^2) Re^T with Re lower-triangular). Drawing
 * the noise through the Cholesky factor L of C_e (lower-triangular too: eta^k = sqrt(delta)
 * sum_{j <= k} L[k, j] z^j), all paths advance together step by step, each step adding one row to
 * every kernel: the Monte Carlo fixed point of the closure, reached in the cost of one sweep (the
 * sweeps of solveDmft need ~K / 4 of them to carry the fixed point to the last step).
 *
 * The price is memory: the response needs each path's past responses psi[j, s] = dDelta^j / dh^s
 * (stored as float32, ~M K^2 / 2 of them: their rounding, 1e-7 relative, is far below the Monte
 * Carlo error of the kernels). The draws are those of solveDmft (stratified over the prior's atoms,
 * antithetic pairs, optional moment matching per atom).
 */
import { drawPopulation, type DmftOptions, type DmftSolution, type SeparableDynamics } from './dmft.js';

export type CausalDmftOptions = Pick<DmftOptions, 'delta' | 'sigma' | 'dt' | 'steps' | 'samples' | 'seed' | 'ablate' | 'momentMatch'>;

/** Solve the DMFT closure forward in time (one pass). */
export function solveDmftCausal(dyn: SeparableDynamics, o: CausalDmftOptions): DmftSolution {
  const K = o.steps;
  const N = K + 1;
  const { theta, x0: x, weight, Z, M } = drawPopulation(dyn, o, N);

  const CD = new Float64Array(N * N);
  const R = new Float64Array(N * N);
  const Re = new Float64Array(N * N);
  const Ce = new Float64Array(N * N);
  const L = new Float64Array(N * N);
  // per path: Delta's history, the current row of chi[k, s] = dx^k / dh^s,
  // and psi[j, s] (s < j) packed by rows: offset j (j - 1) / 2 + s
  const D = new Float64Array(M * N);
  const chi = new Float64Array(M * N);
  const tri = (N * (N - 1)) / 2;
  const withResponse = o.ablate !== 'response';
  const psi = withResponse ? new Float32Array(M * tri) : new Float32Array(0);
  const buf = new Float64Array(3);
  const acc = new Float64Array(N);
  const sd = o.ablate === 'noiseDelta' ? 1 : Math.sqrt(o.delta);
  const s2 = o.sigma * o.sigma;

  // the kernels' row k from the paths' Delta^k (C_Delta) and psi[k, .] (R, accumulated by the caller)
  const closeRow = (k: number): void => {
    for (let j = 0; j <= k; j++) CD[j * N + k] = CD[k * N + j]!;
    // Re row k: Re[k, c] = sum_{j = c}^{k-1} R[k, j] Re[j, c]
    Re[k * N + k] = 1;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = c; j < k; j++) s += R[k * N + j]! * Re[j * N + c]!;
      Re[k * N + c] = s;
    }
    // C_e row k: u[b] = sum_a Re[k, a] (C_Delta[a, b] + sigma^2), C_e[k, j] = sum_{b <= j} Re[j, b] u[b]
    for (let b = 0; b <= k; b++) {
      let s = 0;
      for (let a = 0; a <= k; a++) s += Re[k * N + a]! * (CD[a * N + b]! + s2);
      acc[b] = s;
    }
    for (let j = 0; j <= k; j++) {
      let s = 0;
      for (let b = 0; b <= j; b++) s += Re[j * N + b]! * acc[b]!;
      Ce[k * N + j] = s;
      Ce[j * N + k] = s;
    }
    // Cholesky row k (a direction the noise does not span gets a zero column)
    for (let c = 0; c <= k; c++) {
      let s = Ce[k * N + c]!;
      for (let j = 0; j < c; j++) s -= L[k * N + j]! * L[c * N + j]!;
      if (c < k) L[k * N + c] = L[c * N + c]! > 0 ? s / L[c * N + c]! : 0;
      else L[k * N + k] = Math.sqrt(Math.max(0, s));
    }
  };

  for (let m = 0; m < M; m++) {
    dyn.readout(x[m]!, theta[m]!, buf);
    D[m * N] = buf[0]!;
    CD[0]! += weight[m]! * buf[0]! * buf[0]!;
  }
  closeRow(0);

  for (let k = 0; k < K; k++) {
    const k1 = k + 1;
    for (let m = 0; m < M; m++) {
      const z = m * N;
      let eta = 0;
      for (let c = 0; c <= k; c++) eta += L[k * N + c]! * Z[z + c]!;
      let mem = 0;
      for (let j = 0; j <= k; j++) mem += Re[k * N + j]! * D[z + j]!;
      const g = sd * eta + o.delta * mem;
      const xm = x[m]!;
      dyn.drift(xm, g, theta[m]!, buf);
      const f = buf[0]!;
      const a = 1 + o.dt * buf[1]!;
      const bb = o.dt * buf[2]!;
      x[m] = xm + o.dt * f;
      dyn.readout(x[m]!, theta[m]!, buf);
      const Dk = buf[0]!;
      D[z + k1] = Dk;
      const wm = weight[m]!;
      for (let j = 0; j <= k1; j++) CD[k1 * N + j]! += wm * Dk * D[z + j]!;
      if (!withResponse) continue;
      // chi[k + 1, s] = chi[k, s] a + b dg^k/dh^s, dg^k/dh^s = delta sum_{j = s+1}^{k} Re[k, j] psi[j, s];
      // chi[k + 1, k] = b
      const p0 = m * tri;
      acc.fill(0, 0, k);
      for (let j = 1; j <= k; j++) {
        const coef = Re[k * N + j]!;
        const row = p0 + (j * (j - 1)) / 2;
        for (let s = 0; s < j; s++) acc[s]! += coef * psi[row + s]!;
      }
      const dx = buf[1]!;
      const out = p0 + (k1 * k) / 2;
      for (let s = 0; s < k; s++) {
        const c = chi[z + s]! * a + bb * o.delta * acc[s]!;
        chi[z + s] = c;
        const p = dx * c;
        psi[out + s] = p;
        R[k1 * N + s]! += wm * p;
      }
      chi[z + k] = bb;
      const p = dx * bb;
      psi[out + k] = p;
      R[k1 * N + k]! += wm * p;
    }
    closeRow(k1);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (let k = 0; k < N; k++) {
    train.push(Ce[k * N + k]! / 2);
    test.push(CD[k * N + k]! / 2);
  }
  return { CDelta: CD, Ce, R, Re, train, test, iterations: 1, change: 0 };
}
