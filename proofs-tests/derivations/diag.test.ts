import { describe, expect, it } from 'vitest';
import { diagClaims, measurements, phaseDiagram, spectrumTail, weightDecayIsNuclear, weightDecayTrainedReadout, type PhaseParams } from '../../derivations/diag.js';
import { check } from '../../src/core/runner.js';
import { applyVariant, type Claim, type Variant } from '../../src/core/claim.js';
import { residuals } from '../../src/core/evaluate.js';
import { minimise } from '../../src/numeric/descent.js';
import { lassoSE, PowerLawSum, seResidual } from '../../src/models/lasso-se.js';
import { expectClaimInOrder } from './helpers.js';

describe('diag and quad claims', () => {
  for (const c of diagClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c));
});

describe('diag.phase-diagram: the formulas checked', () => {
  it('a flat regime states the literal 0, not riskN - beta * riskLambda with zeros left in', () => {
    const rhs = Object.fromEntries(phaseDiagram.encoding.equations.map((q) => [q.name, q.rhs]));
    for (const name of ['plateau.path', 'plateau.lambda', 'null.path', 'null.lambda', 'interp.lambda', 'nullEdge.path', 'nullEdge.lambda', 'plateauEdge.path', 'plateauEdge.lambda', 'interpEdge.lambda']) expect(rhs[name], name).toBe('0');
    expect(rhs['interp.path']).toBe('2 * gamma - 1');
    expect(rhs['bias.path']).toBe('2 - 1 / gamma - bias_beta * (2 - 1 / gamma)');
    expect(rhs['recovery.path']).toBe('1 - recovery_beta * 2');
    expect(rhs['recovery.lambda']).toBe('2');
  });

  /** the corners of the domain: gamma, the distances and the kappas at their ends */
  const corners: PhaseParams[] = [8, 16].flatMap((g8) =>
    [0, 4].flatMap((k) => [0.9, 2, 4].map((kappaEdge) => ({ g8, kappaNoisy: k ? 2 : 0.5, kappaClean: k ? 4 : 2, kappaEdge, u: Array<number>(5).fill(4 * k), d: Array<number>(6).fill(k), dk: Array<number>(2).fill(k) }))),
  );

  it('draws a measurement on each side of every boundary, within 0.1 of it', () => {
    for (const P of corners) {
      const gamma = P.g8 / 8;
      const m = Object.fromEntries(measurements(P).map((x) => [x.name, x]));
      const near = (x: number, b: number, side: 1 | -1): void => {
        expect(side * (x - b)).toBeGreaterThan(0.04);
        expect(side * (x - b)).toBeLessThanOrEqual(0.1 + 1e-12);
      };
      near(m.top!.beta, 1, -1);
      near(m.nullEdge!.beta, 1, 1);
      near(m.biasEdge!.beta, 0.5, 1);
      near(m.plateauEdge!.beta, 0.5, -1);
      expect([m.top!.sigma, m.nullEdge!.sigma, m.biasEdge!.sigma, m.plateauEdge!.sigma]).toEqual([1, 1, 1, 1]);
      near(m.cleanEdge!.beta, 1 - gamma, 1);
      near(m.interpEdge!.beta, 1 - gamma, -1);
      near(m.recovery!.beta, 1 - gamma, -1);
      near(m.interpEdge!.kappa, 1, 1);
      near(m.recovery!.kappa, 1, -1);
      expect([m.cleanEdge!.sigma, m.interpEdge!.sigma, m.recovery!.sigma]).toEqual([0, 0, 0]);
    }
  });

  it('draws the interpolation measurement where float64 resolves its calibration lambda = t (n - df)', () => {
    // the widest n of the window, at the domain's worst prefactor (kappa = 4) and across the band
    // of beta; at seed 9 (gamma = 15/8, u = 9/16) the former window reached n = 1e20, n - df ~ 1e-13 n
    for (const g8 of [8, 15, 16]) {
      for (const u3 of [0, 5, 9, 16]) {
        const P: PhaseParams = { g8, kappaNoisy: 2, kappaClean: 4, kappaEdge: 2, u: [0, 0, 0, u3, 0], d: [0, 0, 0, 0, 0, 0], dk: [0, 0] };
        const m = measurements(P).find((x) => x.name === 'interp')!;
        const n = 10 ** (m.from + 2 * 4);
        const lambda = n ** m.beta;
        const target = new PowerLawSum(g8 / 8, Math.round(m.kappa * n));
        const S = lassoSE(target, n, 0, lambda, 1, 1e-10);
        expect((n - S.df) / n, `g8 ${g8} u ${u3}`).toBeGreaterThan(1.5e-11);
        expect(seResidual(target, n, 0, lambda, S), `g8 ${g8} u ${u3}`).toBeLessThan(1e-5);
      }
    }
  });

  it('each boundary moved by 0.2 rereads the measurements next to it with the neighbouring law', () => {
    const moved = Object.fromEntries(phaseDiagram.variants.filter((v) => v.name.startsWith('boundary')).map((v) => [v.name, Object.keys(v.equations ?? {})]));
    expect(Object.keys(moved)).toHaveLength(8);
    const expected: [string, string[]][] = [
      ['boundary bias | null moved to 1 + 0.2', ['nullEdge']],
      ['boundary bias | null moved to 1 - 0.2', ['top']],
      ['boundary noise plateau | bias moved to 1/2 + 0.2', ['biasEdge']],
      ['boundary noise plateau | bias moved to 1/2 - 0.2', ['plateauEdge']],
      ['boundary interpolation, recovery | noiseless bias moved to 1 - gamma + 0.2', ['cleanEdge']],
      ['boundary interpolation, recovery | noiseless bias moved to 1 - gamma - 0.2', ['interpEdge', 'recovery']],
      ['boundary recovery | interpolation moved to 1 + 0.2', ['interpEdge']],
      ['boundary recovery | interpolation moved to 1 - 0.2', ['recovery']],
    ];
    for (const [name, ms] of expected) for (const m of ms) expect(moved[name], name).toEqual(expect.arrayContaining([`${m}.path`, `${m}.lambda`]));
    // the moved reading is the model's piecewise law: a conditional on the measurement's parameters
    const v = phaseDiagram.variants.find((x) => x.name === 'boundary bias | null moved to 1 - 0.2')!;
    expect(v.equations!['top.lambda']!.rhs).toMatch(/^top_beta > 1 - 0\.2 \? 0 : /);
  });
});

describe('deterministic scaling claims resolve their exponents to 0.005', () => {
  for (const c of [phaseDiagram, spectrumTail] as Claim<unknown>[]) {
    it(c.id, () => {
      const r = check(c, undefined, { seed: 7, runs: 3, digits: 30 });
      expect(r.verdict, c.id).toBe('verified');
      for (const [eq, res] of Object.entries(r.resolution ?? {})) expect(res, `${c.id} ${eq}`).toBeLessThan(0.005);
    });
  }
});

describe('quad weight decay: each route refutes on its own', () => {
  /** the residual of each equation of a variant's encoding on the variant's instance */
  function residualsOf<P>(claim: Claim<P>, params: P, variant: Variant | undefined, digits: number): Record<string, number> {
    if (claim.ranges) throw new Error('a precision claim');
    const inst = claim.instance(params, { digits, flags: variant?.flags ?? {} });
    expect(inst.degenerate).toBeUndefined();
    return Object.fromEntries(residuals(applyVariant(claim.encoding, variant), inst.scope, digits).map((r) => [r.equation, r.residual.toNumber()]));
  }
  const variant = <P>(claim: Claim<P>, name: string): Variant => claim.variants.find((v) => v.name.startsWith(name))!;

  it('the trained-readout constant 3 / 2^(2/3) is min over t > 0 of t + s^2 / t^2 at s = 1', () => {
    const r = minimise(([t]) => ({ value: t! + 1 / t! ** 2, grad: [1 - 2 / t! ** 3] }), [0.5], { tol: 1e-12 });
    expect(Math.abs(r.value - 3 / 2 ** (2 / 3))).toBeLessThan(1e-14);
    expect(Math.abs(r.x[0]! - 2 ** (1 / 3))).toBeLessThan(1e-9);
    const c = weightDecayTrainedReadout.encoding.defs.find(([n]) => n === 'c')!;
    expect(c[1]).toBe('3 / 2 ^ (2 / 3)');
  });

  it('a positive readout misses an indefinite S in both routes: no factorisation, and a positive semidefinite estimator', () => {
    const params = { d: 3, pos: 1, frac: 2, seed: 5 };
    // S = b_1 b_1^T - b_2 b_2^T - b_3 b_3^T: indefinite; the claim's +-1 readout holds on it
    const claim = residualsOf(weightDecayIsNuclear, params, undefined, 30);
    expect(Math.max(...Object.values(claim))).toBeLessThan(1e-27);
    const v = variant(weightDecayIsNuclear, 'all readouts');
    for (const digits of [30, 60]) {
      const r = residualsOf(weightDecayIsNuclear, params, v, digits);
      expect(r.factorises, `${digits}`).toBeGreaterThan(1e-2);
      expect(r.minimiser, `${digits}`).toBeGreaterThan(1e-2);
    }
  });

  it('the wrong penalties of the trained readout fail the variational identity (a) and the trained network (b) alike', () => {
    const params = { d: 3, seed: 12345 };
    const claim = residualsOf(weightDecayTrainedReadout, params, undefined, 30);
    expect(Math.max(...Object.values(claim))).toBeLessThan(1e-27);
    for (const name of ['the nuclear norm', 'exponent 1/2', 'balanced as']) {
      const r = residualsOf(weightDecayTrainedReadout, params, variant(weightDecayTrainedReadout, name), 30);
      expect(r.variational, name).toBeGreaterThan(1e-3);
      expect(Math.max(r.minimiser!, r.minimum!), name).toBeGreaterThan(1e-3);
    }
  });

  it('the wrong penalties of the fixed readout fail (a) and (b) alike', () => {
    const params = { d: 3, pos: 2, frac: 4, seed: 77 };
    for (const name of ['Frobenius norm |S|_F^2', 'factor slip']) {
      const r = residualsOf(weightDecayIsNuclear, params, variant(weightDecayIsNuclear, name), 30);
      expect(r.variational, name).toBeGreaterThan(1e-3);
      expect(Math.max(r.minimiser!, r.minimum!), name).toBeGreaterThan(1e-3);
    }
  });
});
