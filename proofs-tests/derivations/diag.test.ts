import { describe, expect, it } from 'vitest';
import { diagClaims, phaseDiagram, spectrumTail } from '../../derivations/diag.js';
import { check } from '../../src/core/runner.js';
import type { Claim } from '../../src/core/claim.js';
import { expectClaimInOrder } from './helpers.js';

describe('diag and quad claims', () => {
  for (const c of diagClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c));
});

describe('diag.phase-diagram: the formulas checked', () => {
  it('a flat regime states the literal 0, not riskN - beta * riskLambda with zeros left in', () => {
    const rhs = Object.fromEntries(phaseDiagram.encoding.equations.map((q) => [q.name, q.rhs]));
    for (const name of ['plateau.path', 'plateau.lambda', 'null.path', 'null.lambda', 'interp.lambda']) expect(rhs[name], name).toBe('0');
    expect(rhs['interp.path']).toBe('2 * gamma - 1');
    expect(rhs['bias.path']).toBe('2 - 1 / gamma - bias_beta * (2 - 1 / gamma)');
  });
});

describe('deterministic scaling claims resolve their exponents to 0.005', () => {
  it('diag.phase-diagram and quad.spectrum-tail', () => {
    for (const c of [phaseDiagram, spectrumTail] as Claim<unknown>[]) {
      const r = check(c, undefined, { seed: 7, runs: 3, digits: 30 });
      expect(r.verdict, c.id).toBe('verified');
      for (const [eq, res] of Object.entries(r.resolution ?? {})) expect(res, `${c.id} ${eq}`).toBeLessThan(0.005);
    }
  });
});
