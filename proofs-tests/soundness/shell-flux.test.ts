/**
 * The shell-transfer measurement (src/core/shell-flux.ts) on cases whose answer is known:
 * - a snapshot built by hand (one or two modes per shell, a shell left empty): energies,
 *   dissipation and transfers written out entry by entry;
 * - transfers |T_ab| = e^(-gamma |a - b|) on every pair: the shares are N_k e^(-gamma k) / sum and
 *   the fitted decay rate is gamma;
 * - shell traces integrated from a known transfer law (RK4 on the shell energies): a local law
 *   puts every transfer at |a - b| = 1 and is recovered exactly by the local closure, an
 *   all-to-all law is not;
 * - M -> kappa M, t -> t / kappa with kappa = e^h (labels shift by one, rates scale by kappa)
 *   leaves every number unchanged.
 */
import { describe, expect, it } from 'vitest';
import { RESOLUTION, type Snapshot } from '../../src/core/diagnostic.js';
import { closureError, fitClosure, measureShellFlux, netTransfer, predictTransfer, rateNorm, rms, shellState, transferDecay, type ShellState } from '../../src/core/shell-flux.js';
import { localLaw, shellTrace, uniformLaw } from './shell-trace.js';

const H = Math.log(4);

/** A snapshot from eigenvalues, amplitudes and couplings alone (what shellState reads). */
function snapshot(lambda: number[], c: number[], A: number[][], h: number): Snapshot {
  const zero = lambda.map(() => lambda.map(() => 0));
  return {
    step: 1,
    t: 0.5,
    e: Float64Array.from(c),
    J: [],
    lambda,
    U: zero,
    c,
    M: zero,
    Mdot: zero,
    A,
    // the trace's rule: no shell below the resolution floor
    shell: lambda.map((l) => (l > RESOLUTION * Math.max(...lambda) ? Math.floor(Math.log(l) / h) : null)),
    loss: 0,
  };
}

describe('shellState: a snapshot coarse-grained to shells', () => {
  it('energies, dissipation and transfers entry by entry, an empty shell in between', () => {
    const h = H;
    // modes in shells 0 (two modes), 2 and 3 (one each); shell 1 is empty
    const lambda = [1.5, 3, 20, 100];
    const c = [1, -2, 0.5, 3];
    const a = [
      [0, 0.3, -0.2, 0.1],
      [-0.3, 0, 0.4, -0.5],
      [0.2, -0.4, 0, 0.6],
      [-0.1, 0.5, -0.6, 0],
    ];
    const s = shellState(snapshot(lambda, c, a, h))!;
    expect(s.lo).toBe(0);
    expect(s.occupied).toEqual([true, false, true, true]);
    expect(s.E).toEqual([1 + 4, 0, 0.25, 9]);
    expect(s.D[0]).toBeCloseTo(-2 * (1.5 * 1 + 3 * 4), 12);
    expect(s.D[3]).toBeCloseTo(-2 * 100 * 9, 12);
    // T_02 = 2 (A_02 c0 c2 + A_12 c1 c2) = 2 (-0.2 * 0.5 + 0.4 * -2 * 0.5) = -1; intra-shell pairs (0, 1) do not count
    expect(s.T[0]![2]).toBeCloseTo(-1, 12);
    expect(s.T[2]![0]).toBeCloseTo(1, 12);
    // T_03 = 2 (0.1 * 3 + -0.5 * -2 * 3) = 6.6; T_23 = 2 * 0.6 * 0.5 * 3 = 1.8
    expect(s.T[0]![3]).toBeCloseTo(6.6, 12);
    expect(s.T[2]![3]).toBeCloseTo(1.8, 12);
    expect(s.T[1]).toEqual([0, 0, 0, 0]);
    const Q = netTransfer(s);
    expect(Q.reduce((x, y) => x + y, 0)).toBeCloseTo(0, 12);
    expect(Q[0]).toBeCloseTo(-1 + 6.6, 12);
    expect(rateNorm(s)).toBeCloseTo(Math.hypot(...Q.map((q, i) => q + s.D[i]!)), 12);
  });

  it('modes below the coupling floor are left out; a snapshot without modes has no state', () => {
    const s = shellState(snapshot([1e-9, 2, 40], [1, 1, 1], [[0, 1, 1], [-1, 0, 1], [-1, -1, 0]], H))!;
    expect(s.lo).toBe(0);
    expect(s.E.reduce((x, y) => x + y, 0)).toBe(2);
    expect(shellState(snapshot([0, 0], [1, 1], [[0, 0], [0, 0]], H))).toBeNull();
  });
});

describe('transferDecay', () => {
  it('|T_ab| = e^(-gamma |a - b|) on every pair: shares N_k e^(-gamma k) / sum, rate gamma', () => {
    const n = 7;
    const gamma = 1.3;
    const T = Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => (a === b ? 0 : Math.sign(a - b) * Math.exp(-gamma * Math.abs(a - b)))));
    const s: ShellState = { t: 1, lo: -3, occupied: new Array<boolean>(n).fill(true), E: new Array<number>(n).fill(1), D: new Array<number>(n).fill(-1), T };
    const d = transferDecay(s, 3)!;
    const weight = (k: number): number => 2 * (n - k) * Math.exp(-gamma * k);
    const total = [1, 2, 3, 4, 5, 6].reduce((x, k) => x + weight(k), 0);
    [1, 2, 3].forEach((k) => expect(d.share[k - 1]).toBeCloseTo(weight(k) / total, 12));
    [1, 2, 3].forEach((k) => expect(d.pairShare[k - 1]).toBeCloseTo((2 * (n - k)) / (n * (n - 1)), 12));
    expect(d.rate).toBeCloseTo(gamma, 12);
  });

  it('nearest neighbours only: all the weight at |a - b| = 1, no rate (one distance); no transfer: null', () => {
    const n = 5;
    const T = Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => (Math.abs(a - b) === 1 ? (a > b ? 2 : -2) : 0)));
    const s: ShellState = { t: 1, lo: 0, occupied: new Array<boolean>(n).fill(true), E: new Array<number>(n).fill(1), D: new Array<number>(n).fill(-1), T };
    const d = transferDecay(s, 3)!;
    expect(d.share).toEqual([1, 0, 0]);
    expect(d.rate).toBeNaN();
    expect(transferDecay({ ...s, T: T.map((r) => r.map(() => 0)) }, 3)).toBeNull();
  });

  it('counts pairs of occupied shells only', () => {
    const T = [
      [0, 0, 1],
      [0, 0, 0],
      [-1, 0, 0],
    ];
    const d = transferDecay({ t: 1, lo: 0, occupied: [true, false, true], E: [1, 0, 1], D: [-1, 0, -1], T }, 2)!;
    expect(d.share).toEqual([0, 1]);
    expect(d.pairShare).toEqual([0, 1]);
  });
});

describe('flux closures', () => {
  it('the local closure on a hand state: Q_a = F_(a-1/2) - F_(a+1/2), no flux across an empty shell', () => {
    const h = H;
    const s: ShellState = { t: 1, lo: -1, occupied: [true, true, false, true], E: [2, 3, 0, 5], D: [0, 0, 0, 0], T: [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]] };
    const f = { kind: 'local' as const, r: [1, -1], p: [0.5, 0.25] };
    // F_(-1/2) = e^(0 h) (0.5 * 2 - 0.25 * 3) between shells -1 and 0; shell 1 is empty, shell 2 isolated
    const F = 0.5 * 2 - 0.25 * 3;
    const Q = predictTransfer(s, h, f);
    expect(Q[0]).toBeCloseTo(-F, 14);
    expect(Q[1]).toBeCloseTo(F, 14);
    expect(Q[2]).toBe(0);
    expect(Q[3]).toBe(0);
    // the uniform closure couples shells -1 and 2 too: rho = e^((-1 + 2 + 1) h / 2) = e^h
    const u = predictTransfer(s, h, { kind: 'uniform', r: [1, -1], p: [0.5, 0.25] });
    expect(u[3]).toBeCloseTo(Math.exp(h) * (0.5 * 2 - 0.25 * 5) + Math.exp(1.5 * h) * (0.5 * 3 - 0.25 * 5), 12);
  });

  it('a trace with nearest-neighbour transfer: all weight at |a - b| = 1, the local closure recovered and predictive', () => {
    const states = shellTrace(localLaw(0.4, 1.5), -3, 7, H, 11);
    const m = measureShellFlux(states, H);
    expect(m.split).toBe(5);
    expect(m.share).toEqual([1, 0, 0]);
    expect(m.pairShare).toBeCloseTo(12 / 42, 12);
    const f = fitClosure(states.slice(0, m.split), H, 'local');
    expect(f.p[0]).toBeCloseTo(0.4, 9);
    expect(f.p[1]).toBeCloseTo(1.5, 9);
    expect(m.later.local).toBeLessThan(1e-9);
    expect(m.later.none).toBeGreaterThan(0.05);
    // the per-distance closure nests the local one; the uniform one couples far pairs and misses
    expect(m.later['per-distance']).toBeLessThan(1e-6);
    expect(m.later.uniform).toBeGreaterThan(0.1 * m.later.none);
    expect(m.fitted.local).toBeLessThan(1e-9);
  });

  it('a trace with all-to-all transfer: weight spread over distances, the local closure does not predict it', () => {
    const states = shellTrace(uniformLaw(0.4, 1.5), -3, 7, H, 11);
    const m = measureShellFlux(states, H);
    expect(m.share[0]).toBeLessThan(0.5);
    expect(m.rate).toBeLessThan(1);
    expect(m.later.uniform).toBeLessThan(1e-9);
    expect(m.later['per-distance']).toBeLessThan(1e-6);
    expect(m.later.local).toBeGreaterThan(0.5 * m.later.none);
  });

  it('errors are relative to |D + Q|; no transfer gives |Q| / |D + Q|; a state at rest has none', () => {
    const [s] = shellTrace(localLaw(0.4, 1.5), -2, 4, H, 5, 2);
    const Q = netTransfer(s!);
    expect(closureError(s!, H, null)).toBeCloseTo(Math.hypot(...Q) / rateNorm(s!), 14);
    const rest: ShellState = { t: 1, lo: 0, occupied: [true, true], E: [1, 1], D: [0, 0], T: [[0, 0], [0, 0]] };
    expect(closureError(rest, H, null)).toBeNaN();
    expect(rms([3, 4, Number.NaN])).toBeCloseTo(Math.sqrt(12.5), 14);
    expect(rms([])).toBeNaN();
  });

  it('M -> kappa M, t -> t / kappa (kappa = e^h): labels up by one, rates times kappa, every number unchanged', () => {
    for (const law of [localLaw(0.4, 1.5), uniformLaw(0.3, 0.9)]) {
      const states = shellTrace(law, -3, 6, H, 2);
      const k = Math.exp(H);
      const scaled = states.map((s) => ({ ...s, t: s.t / k, lo: s.lo + 1, D: s.D.map((x) => k * x), T: s.T.map((r) => r.map((x) => k * x)) }));
      const a = measureShellFlux(states, H);
      const b = measureShellFlux(scaled, H);
      a.share.forEach((x, i) => expect(b.share[i]).toBeCloseTo(x, 12));
      if (Number.isNaN(a.rate)) expect(b.rate).toBeNaN();
      else expect(b.rate).toBeCloseTo(a.rate, 9);
      for (const key of ['local', 'uniform', 'per-distance', 'none'] as const) {
        expect(b.later[key]).toBeCloseTo(a.later[key], 9);
        expect(b.fitted[key]).toBeCloseTo(a.fitted[key], 9);
      }
    }
  });
});
