/**
 * Shell traces with a known transfer law, for the tests of src/core/shell-flux.ts and of
 * grsd.renormalizable-shells: the shell energies integrated by RK4 under
 * dE_a/dt = -2 lam_a E_a + sum_b T_ab(E), written independently of the closures' regressors.
 */
import type { ShellState } from '../../src/core/shell-flux.js';
import { Rng } from '../../src/numeric/rng.js';

/** A transfer law: T[a][b] (into a from b) from the energies, for shells lo..lo+n-1. */
export type Law = (E: number[], lo: number, h: number) => number[][];

/** The pair law G_ab = rho_ab (p(a - b) E_b - p(b - a) E_a), rho_ab = e^((a + b + 1) h / 2), on the pairs `coupled` admits. */
export const pairLaw =
  (p: (r: number) => number, coupledPair: (r: number) => boolean): Law =>
  (E, lo, h) =>
    E.map((Ea, a) =>
      E.map((Eb, b) => {
        if (a === b || !coupledPair(a - b)) return 0;
        const rho = Math.exp(((lo + a + lo + b + 1) / 2) * h);
        return rho * (p(a - b) * Eb - p(b - a) * Ea);
      }),
    );

export const localLaw = (up: number, down: number): Law => pairLaw((r) => (r > 0 ? up : down), (r) => Math.abs(r) === 1);
export const uniformLaw = (up: number, down: number): Law => pairLaw((r) => (r > 0 ? up : down), () => true);

/**
 * The shell states of dE_a/dt = -2 lam_a E_a + sum_b T_ab(E), lam_a = e^((a + 1/2) h), integrated
 * by RK4 from seeded energies and recorded at t = 0 and log-spaced times up to tEnd.
 */
export function shellTrace(law: Law, lo: number, n: number, h: number, seed: number, snapshots = 10, tEnd = 4): ShellState[] {
  const rng = new Rng(seed);
  let E = Array.from({ length: n }, () => 0.5 + rng.next());
  const lam = E.map((_, a) => Math.exp((lo + a + 0.5) * h));
  const rate = (x: number[]): number[] => {
    const T = law(x, lo, h);
    return x.map((e, a) => -2 * lam[a]! * e + T[a]!.reduce((s, v) => s + v, 0));
  };
  const times = [0, ...Array.from({ length: snapshots - 1 }, (_, i) => tEnd * 10 ** (-3 * (1 - i / (snapshots - 2))))];
  const out: ShellState[] = [];
  let t = 0;
  const dt = 0.1 / Math.max(...lam);
  for (const target of times) {
    while (t < target) {
      const step = Math.min(dt, target - t);
      const k1 = rate(E);
      const k2 = rate(E.map((e, i) => e + (step / 2) * k1[i]!));
      const k3 = rate(E.map((e, i) => e + (step / 2) * k2[i]!));
      const k4 = rate(E.map((e, i) => e + step * k3[i]!));
      E = E.map((e, i) => e + (step / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!));
      t += step;
    }
    out.push({ t, lo, occupied: E.map(() => true), E: [...E], D: E.map((e, a) => -2 * lam[a]! * e), T: law(E, lo, h) });
  }
  return out;
}
