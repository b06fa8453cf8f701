import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { characteristics, lnFixed, transportClaims } from '../../derivations/transport.js';
import type { Claim } from '../../src/core/claim.js';
import { residuals } from '../../src/core/evaluate.js';
import { check } from '../../src/core/runner.js';
import { Fixed } from '../../src/numeric/fixed.js';
import { expectClaimInOrder } from './helpers.js';

describe('transport claims', () => {
  for (const c of transportClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c));
});

describe('the fixed-point logarithm of the transport checks', () => {
  it('is ln x to the working precision from 10^-25 (below the doubles\' 2^-60 cut that once gave -Infinity) to 10^12', () => {
    const F = new Fixed(40);
    for (const x of ['1e-25', '3.7e-19', '0.5', '1', '2', '1e12']) {
      // against ln of the represented value: 10^-25 itself keeps only ~27 digits in fixed point
      const xf = F.fromDecimal(x);
      const err = F.toDecimal(lnFixed(F, xf)).minus(F.toDecimal(xf).ln()).abs();
      expect(err.lt('1e-38'), x).toBe(true);
    }
    expect(() => lnFixed(F, 0n)).toThrow(RangeError);
  });
});

describe('transport.characteristics: the explicit density against finite volumes of the transport equation', () => {
  const cases = fc.sample(characteristics.domain, { seed: 11, numRuns: 6 });
  const series = (P: (typeof cases)[number], name: string): number[] =>
    characteristics.ranges!.levels.map((level) => {
      const r = residuals(characteristics.encoding, characteristics.measure(P, { level, flags: {} }).scope, 30).find((q) => q.equation === name)!;
      return r.difference.length === 1 ? r.difference[0]!.div(r.scale).toNumber() : r.residual.toNumber();
    });

  it('the finite-volume density approaches the explicit one at first order: threefold per refinement, the observed order near 1', () => {
    for (const P of cases) {
      const density = series(P, 'density');
      for (let k = 1; k < density.length; k++) expect(density[k]!, JSON.stringify(P)).toBeLessThan(density[k - 1]! / 2);
      expect(density[density.length - 1]!).toBeLessThan(0.03);
      const order = series(P, 'order');
      expect(Math.abs(order[order.length - 1]!), JSON.stringify(P)).toBeLessThan(0.1);
    }
  });

  it('a wrong density stops the convergence: its error levels off and the observed order falls towards 0', () => {
    const wrong = { defs: characteristics.encoding.defs.map(([n, e]): [string, string] => [n, n === 'gT' ? 'g0v ./ jac(lam0v, lamv) .* vexp(-Dv)' : e]), equations: characteristics.encoding.equations };
    const P = cases.find((c) => c.T8 >= 4)!;
    const at = (level: number): Record<string, number> =>
      Object.fromEntries(residuals(wrong, characteristics.measure(P, { level, flags: {} }).scope, 30).map((r) => [r.equation, r.difference.length === 1 ? r.difference[0]!.div(r.scale).toNumber() : r.residual.toNumber()]));
    const [first, last] = [at(0), at(3)];
    expect(last['density']!).toBeGreaterThan(0.5 * first['density']!);
    expect(last['order']!).toBeLessThan(-0.5);
  });

  it('each wrong variant is refuted by the equation that states what it gets wrong', () => {
    const by: Record<string, string> = {
      'clock integral without 1/(q+1)': 'characteristic',
      'modes that do not move (the lazy picture): lambda(t) = lambda0': 'characteristic',
      'Jacobian exponent b - 1 (that of the energy per unit ln lambda)': 'mass transport',
      'dissipation at the amplitude rate: e^(-D)': 'density',
      'a scalar carried, not a density: g = g0(lambda0) e^(-2D), no Jacobian': 'density',
      'lazy dissipation at the end point: e^(-2 lambda(t) t) for e^(-2 int lambda)': 'density',
      'the density per unit lambda taken for the energy per unit ln lambda (eps = g)': 'density',
      'finite volumes converge at second order': 'order',
    };
    for (const [name, equation] of Object.entries(by)) {
      const v = characteristics.variants.find((x) => x.name === name)!;
      const r = check(characteristics, v, { seed: 42, runs: 8, digits: 30 });
      expect(r.verdict, name).toBe('refuted');
      expect(r.counterexample!.equation, name).toBe(equation);
    }
  });

  it('draws only cases whose bump the grids resolve: the characteristic map stretches or squeezes it by at most 2', () => {
    for (const P of fc.sample(characteristics.domain, { seed: 3, numRuns: 200 })) {
      const sigma = P.s4 / 4;
      const C = ((P.c8 / 8) * (P.T8 / 8) ** (P.q + 1)) / (P.q + 1);
      for (const s0 of [-1, 1].map((d) => Math.log(P.l16 / 16) + d)) {
        const rho = sigma * C * Math.exp(sigma * s0);
        expect(rho).toBeGreaterThanOrEqual(-1);
        expect(rho).toBeLessThanOrEqual(0.5);
      }
    }
  });
});
