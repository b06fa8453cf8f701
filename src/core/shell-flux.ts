/**
 * Shell-to-shell energy transfer along training, and flux closures for it: the measurement behind
 * the renormalizable shell-dynamics hypothesis (arXiv 2512.10427). Is the net transfer between
 * log shells carried by neighbouring shells, and does a local flux law fitted on an early window
 * of training predict the energy changes of a later one?
 *
 * Conventions (src/core/diagnostic.ts): per snapshot, the shells S_a above the coupling floor,
 * energies E_a = sum_(k in S_a) c_k^2, dissipation D_a = -2 sum_(k in S_a) lambda_k c_k^2,
 * transfers T_ab = 2 sum_(k in S_a, j in S_b) A_kj c_k c_j (antisymmetric, shell.energy-balance)
 * and the net transfer Q_a = sum_b T_ab, so that dE_a/dt = D_a + Q_a among those shells.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { median, shellsOf, type Snapshot, type Trace } from './diagnostic.js';

/** One snapshot coarse-grained to the consecutive shell labels lo .. lo + n - 1 (empty ones included). */
export interface ShellState {
  t: number;
  /** the lowest occupied label; index i is shell lo + i */
  lo: number;
  /** whether shell i holds a mode above the coupling floor */
  occupied: boolean[];
  E: number[];
  D: number[];
  /** T[i][j]: the transfer into shell i from shell j */
  T: number[][];
}

/** The shell state of a snapshot (null when no mode is above the coupling floor). */
export function shellState(s: Snapshot): ShellState | null {
  const shells = shellsOf(s);
  if (shells.length === 0) return null;
  const lo = shells[0]!.label;
  const n = shells[shells.length - 1]!.label - lo + 1;
  const occupied = new Array<boolean>(n).fill(false);
  const E = new Array<number>(n).fill(0);
  const D = new Array<number>(n).fill(0);
  const T = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const Sa of shells) {
    const i = Sa.label - lo;
    occupied[i] = true;
    for (const k of Sa.modes) {
      E[i]! += s.c[k]! ** 2;
      D[i]! -= 2 * s.lambda[k]! * s.c[k]! ** 2;
    }
    for (const Sb of shells) {
      if (Sb.label === Sa.label) continue;
      let x = 0;
      for (const k of Sa.modes) for (const j of Sb.modes) x += 2 * s.A[k]![j]! * s.c[k]! * s.c[j]!;
      T[i]![Sb.label - lo] = x;
    }
  }
  return { t: s.t, lo, occupied, E, D, T };
}

/** The shell states of a trace's snapshots. */
export const shellStates = (tr: Trace): ShellState[] => tr.snapshots.map(shellState).filter((x): x is ShellState => x !== null);

/** Net transfer into each shell, Q_a = sum_b T_ab. */
export const netTransfer = (s: ShellState): number[] => s.T.map((r) => r.reduce((a, x) => a + x, 0));

const norm = (x: number[]): number => Math.sqrt(x.reduce((a, v) => a + v * v, 0));

/* ------------------------------------------------------------------------------------------
 * (1) How |T_ab| falls off with |a - b|
 * ---------------------------------------------------------------------------------------- */

export interface TransferDecay {
  /** share[k - 1] = sum_(|a-b|=k) |T_ab| / sum_(a!=b) |T_ab| (occupied shells), k = 1..maxDistance */
  share: number[];
  /** the share equal |T| on every pair of occupied shells would give: N_k / N */
  pairShare: number[];
  /** minus the least-squares slope of ln(mean |T_ab| over the N_k pairs at distance k) against k: e-folds per shell (NaN with fewer than two distances) */
  rate: number;
}

/** How the transfers of one state fall off with the distance between shells (null: no transfer). */
export function transferDecay(s: ShellState, maxDistance: number): TransferDecay | null {
  const n = s.E.length;
  const sum = new Array<number>(n).fill(0);
  const pairs = new Array<number>(n).fill(0);
  let total = 0;
  let totalPairs = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j || !s.occupied[i] || !s.occupied[j]) continue;
      const x = Math.abs(s.T[i]![j]!);
      sum[Math.abs(i - j)]! += x;
      pairs[Math.abs(i - j)]!++;
      total += x;
      totalPairs++;
    }
  if (!(total > 0)) return null;
  const share = Array.from({ length: maxDistance }, (_, k) => (sum[k + 1] ?? 0) / total);
  const pairShare = Array.from({ length: maxDistance }, (_, k) => (pairs[k + 1] ?? 0) / totalPairs);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 1; k < n; k++)
    if (pairs[k]! > 0 && sum[k]! > 0) {
      xs.push(k);
      ys.push(Math.log(sum[k]! / pairs[k]!));
    }
  let rate = Number.NaN;
  if (xs.length >= 2) {
    const mx = xs.reduce((a, x) => a + x, 0) / xs.length;
    const my = ys.reduce((a, x) => a + x, 0) / ys.length;
    let sxy = 0;
    let sxx = 0;
    xs.forEach((x, i) => {
      sxy += (x - mx) * (ys[i]! - my);
      sxx += (x - mx) ** 2;
    });
    rate = -sxy / sxx;
  }
  return { share, pairShare, rate };
}

/* ------------------------------------------------------------------------------------------
 * (2) Flux closures
 *
 * The transfer into shell a from shell b (both occupied) is modelled as
 *   G_ab = rho_ab (p_(a-b) E_b - p_(b-a) E_a),   rho_ab = e^(((a + b + 1) / 2) h),
 * antisymmetric by construction; p_r, r = a - b, is the rate coefficient of energy moving by r
 * shells (r > 0 upwards). rho_ab is the pair's nominal rate (for b = a + 1 the eigenvalue at their
 * common boundary), so the p_r do not change under M -> kappa M, t -> t / kappa with kappa = e^h:
 * the labels shift by one and every rate scales with kappa. Closures differ in which pairs they
 * couple and which coefficients they share:
 * - local: neighbours only, p_1 and p_(-1): Q_a = F_(a-1/2) - F_(a+1/2) with the boundary flux
 *   F_(a+1/2) = rho_(a,a+1) (p_1 E_a - p_(-1) E_(a+1)) (the renormalizable, flux-form closure);
 * - uniform: every pair, with the same two coefficients (all-to-all, as many parameters as local);
 * - per-distance: every pair, one coefficient per signed distance (all-to-all, nests both).
 * ---------------------------------------------------------------------------------------- */

export type ClosureKind = 'local' | 'uniform' | 'per-distance';

export interface FluxClosure {
  kind: ClosureKind;
  /** the coefficients' signed distances (uniform: +1 stands for every r > 0, -1 for every r < 0) */
  r: number[];
  /** fitted coefficients (0 where no fitted state exercised them) */
  p: number[];
}

/** The coefficient index of signed distance r under a closure with the given columns, or -1 (pair not coupled). */
function columnOf(kind: ClosureKind, cols: number[], r: number): number {
  if (kind === 'uniform') return r > 0 ? 0 : 1;
  if (kind === 'local' && Math.abs(r) !== 1) return -1;
  return cols.indexOf(r);
}

function columns(kind: ClosureKind, width: number): number[] {
  if (kind !== 'per-distance') return [1, -1];
  const r: number[] = [];
  for (let d = 1; d <= width; d++) r.push(d, -d);
  return r;
}

/** X[a][c]: the part of Q_a that multiplies coefficient c. */
function regressors(s: ShellState, h: number, kind: ClosureKind, cols: number[]): number[][] {
  const n = s.E.length;
  const X = Array.from({ length: n }, () => new Array<number>(cols.length).fill(0));
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      if (a === b || !s.occupied[a] || !s.occupied[b]) continue;
      const rho = Math.exp(((2 * s.lo + a + b + 1) / 2) * h);
      const inflow = columnOf(kind, cols, a - b);
      const outflow = columnOf(kind, cols, b - a);
      if (inflow >= 0) X[a]![inflow]! += rho * s.E[b]!;
      if (outflow >= 0) X[a]![outflow]! -= rho * s.E[a]!;
    }
  return X;
}

/** |D + Q|: the size of the energy change dE/dt of a state, the unit of its errors. */
export const rateNorm = (s: ShellState): number => norm(netTransfer(s).map((q, i) => q + s.D[i]!));

/**
 * Least-squares fit of a closure to the measured net transfers of the states. Each state's
 * equations are divided by its |D + Q|, the unit its prediction error is measured in, so that the
 * fast early transfers do not drown the later ones.
 */
export function fitClosure(states: ShellState[], h: number, kind: ClosureKind): FluxClosure {
  const width = Math.max(1, ...states.map((s) => s.E.length - 1));
  const cols = columns(kind, width);
  const rows: number[][] = [];
  const rhs: number[] = [];
  for (const s of states) {
    const w = rateNorm(s);
    if (!(w > 0)) continue;
    const Q = netTransfer(s);
    regressors(s, h, kind, cols).forEach((row, i) => {
      rows.push(row.map((x) => x / w));
      rhs.push(Q[i]! / w);
    });
  }
  const p = new Array<number>(cols.length).fill(0);
  // columns no state exercises stay 0; the others go to unit norm (their scales differ by rho) before the SVD
  const scale = cols.map((_, c) => Math.sqrt(rows.reduce((a, row) => a + row[c]! ** 2, 0)));
  const used = cols.map((_, c) => c).filter((c) => scale[c]! > 0);
  if (used.length > 0) {
    const X = new Matrix(rows.map((row) => used.map((c) => row[c]! / scale[c]!)));
    const sol = new SingularValueDecomposition(X, { autoTranspose: true }).solve(Matrix.columnVector(rhs));
    used.forEach((c, m) => (p[c] = sol.get(m, 0) / scale[c]!));
  }
  return { kind, r: cols, p };
}

/** The closure's net transfer into each shell of a state. */
export function predictTransfer(s: ShellState, h: number, f: FluxClosure): number[] {
  // a state wider than the fitted ones: its farther distances have no coefficient (0)
  const width = Math.max(1, s.E.length - 1);
  const cols = columns(f.kind, width);
  const p = cols.map((r) => {
    const c = f.r.indexOf(r);
    return c >= 0 ? f.p[c]! : 0;
  });
  return regressors(s, h, f.kind, cols).map((row) => row.reduce((a, x, c) => a + x * p[c]!, 0));
}

/** The relative error of the energy change a closure predicts for a state: |Qhat - Q| / |D + Q| (NaN if D + Q = 0). */
export function closureError(s: ShellState, h: number, f: FluxClosure | null): number {
  const Q = netTransfer(s);
  const w = rateNorm(s);
  if (!(w > 0)) return Number.NaN;
  const Qhat = f ? predictTransfer(s, h, f) : Q.map(() => 0);
  return norm(Qhat.map((q, i) => q - Q[i]!)) / w;
}

const KINDS: ClosureKind[] = ['local', 'uniform', 'per-distance'];

/* ------------------------------------------------------------------------------------------
 * The measurement over a trace: (1) over every state, (2) fitted on the first half of the states
 * and tested on the second
 * ---------------------------------------------------------------------------------------- */

export interface ShellFluxMeasure {
  /** how many states fit the closures (the first ones); the rest test them */
  split: number;
  /** medians over the states of TransferDecay's share (k = 1, 2, 3), pairShare[0] and rate */
  share: number[];
  pairShare: number;
  rate: number;
  /** per closure (and 'none'), the RMS over the test states of the relative error of dE/dt, and over the fit states */
  later: Record<ClosureKind | 'none', number>;
  fitted: Record<ClosureKind | 'none', number>;
  /** per state: times, shares at k = 1, 2, 3, decay rates and errors (NaN where undefined) */
  series: { t: number[]; share: number[][]; rate: number[]; errors: Record<ClosureKind | 'none', number[]> };
}

/** Root mean square of the finite entries (NaN if none): what the fit minimises in sample. */
export function rms(xs: number[]): number {
  const f = xs.filter(Number.isFinite);
  return f.length ? Math.sqrt(f.reduce((a, x) => a + x * x, 0) / f.length) : Number.NaN;
}

const finiteMedian = (xs: number[]): number => median(xs.filter(Number.isFinite));

/** The transfer locality and the closures' prediction errors of a sequence of shell states. */
export function measureShellFlux(states: ShellState[], h: number): ShellFluxMeasure {
  const split = Math.ceil(states.length / 2);
  const decay = states.map((s) => transferDecay(s, 3));
  const share = [0, 1, 2].map((k) => decay.map((d) => (d ? d.share[k]! : Number.NaN)));
  const rate = decay.map((d) => (d ? d.rate : Number.NaN));
  const pairShare = decay.map((d) => (d ? d.pairShare[0]! : Number.NaN));
  const fit = states.slice(0, split);
  const kinds: (ClosureKind | 'none')[] = [...KINDS, 'none'];
  const errors = Object.fromEntries(
    kinds.map((k) => {
      const f = k === 'none' ? null : fitClosure(fit, h, k);
      return [k, states.map((s) => closureError(s, h, f))];
    }),
  ) as Record<ClosureKind | 'none', number[]>;
  const over = (a: number, b: number): Record<ClosureKind | 'none', number> => Object.fromEntries(kinds.map((k) => [k, rms(errors[k].slice(a, b))])) as Record<ClosureKind | 'none', number>;
  return {
    split,
    share: share.map(finiteMedian),
    pairShare: finiteMedian(pairShare),
    rate: finiteMedian(rate),
    later: over(split, states.length),
    fitted: over(0, split),
    series: { t: states.map((s) => s.t), share, rate, errors },
  };
}
