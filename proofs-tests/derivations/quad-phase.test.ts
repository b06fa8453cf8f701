import { describe, expect, it } from 'vitest';
import { quadPhaseDiagram, quadPhaseClaims } from '../../derivations/quad-phase.js';
import { nuclearModel } from '../../derivations/quad-laws.js';
import { lassoModel } from '../../derivations/diag-laws.js';
import { claims, models } from '../../derivations/index.js';
import { check } from '../../src/core/runner.js';
import { evaluate } from 'mathjs';
import { formulaOf, type LawModel } from '../../src/core/laws.js';
import type { Claim } from '../../src/core/claim.js';
import { expectClaimInOrder } from './helpers.js';

describe('quad.phase-diagram', () => {
  it('holds and its wrong variants are refuted', () => expectClaimInOrder(quadPhaseDiagram as Claim<unknown>, 3, 7), 120000);

  it('resolves every exponent to 0.005, those between the two crossovers to their own target', () => {
    const r = check(quadPhaseDiagram as Claim<unknown>, undefined, { seed: 5, runs: 3, digits: 30 });
    expect(r.verdict).toBe('verified');
    for (const [eq, res] of Object.entries(r.resolution ?? {})) expect(res, eq).toBeLessThan(eq.startsWith('mid.') ? 0.01 : 0.005);
  }, 120000);

  it('is registered in the catalogue, its model among the exponent models', () => {
    expect(claims.filter((c) => c.id === 'quad.phase-diagram')).toHaveLength(1);
    expect(models.some((m) => m.name === 'nuclear')).toBe(true);
    expect(quadPhaseClaims).toEqual([quadPhaseDiagram]);
  });
});

describe('quad.phase-diagram: the formulas checked', () => {
  const rhs = Object.fromEntries(quadPhaseDiagram.encoding.equations.map((q) => [q.name, q.rhs]));

  it('flat regimes state the literal 0; the bias law is the model text renamed', () => {
    for (const name of ['plateau.path', 'plateau.lambda', 'mid.path', 'mid.lambda', 'null.path', 'null.lambda']) expect(rhs[name], name).toBe('0');
    expect(rhs['bias.path']).toBe('2 - 1 / gamma - bias_beta * (2 - 1 / gamma)');
    expect(rhs['clean.lambda']).toBe('2 - 1 / gamma');
  });

  it("the LASSO variant puts the LASSO's bias law between the crossovers, where the matrix model has a plateau", () => {
    const v = quadPhaseDiagram.variants.find((x) => x.name.startsWith("the LASSO's laws"));
    expect(v?.equations?.['mid.path']?.rhs).toBe('2 - 1 / gamma - mid_beta * (2 - 1 / gamma)');
    expect(v?.equations?.['mid.lambda']?.rhs).toBe('2 - 1 / gamma');
  });
});

/**
 * The regime a model assigns and its exponents, read as evaluateLaws reads them (domain, exclusions,
 * regimes in order) without its symbolic simplification and LaTeX, which take seconds per call.
 */
function lawsAt(model: LawModel, params: Record<string, number>): { regime: string; exponents: Record<string, number> } {
  const holds = (expr: string): boolean => evaluate(expr, { ...params }) === true;
  for (const d of model.domain) if (!holds(d.when)) throw new Error(d.message);
  for (const x of model.excluded ?? []) if (holds(x.when)) throw new Error(`no regime: ${x.why}`);
  const r = model.regimes.find((g) => holds(g.when));
  if (!r) throw new Error('no regime');
  const exponents = Object.fromEntries(model.keys.map((k) => [k.key, Number(evaluate(formulaOf(model, r.name, k.key), { ...params }))]));
  return { regime: r.name, exponents };
}

describe('nuclear exponent model', () => {
  it('the noisy crossover sits at lambda ~ n^(3/4), not at the LASSO n^(1/2)', () => {
    const at = (beta: number): string => lawsAt(nuclearModel, { gamma: 1.5, beta, sigma: 1, alpha: 1 }).regime;
    expect(at(0.6)).toBe('noise-plateau');
    expect(at(0.8)).toBe('bias');
    expect(at(1.2)).toBe('null');
    expect(lawsAt(lassoModel, { gamma: 1.5, beta: 0.6, sigma: 1, kappa: 0.5 }).regime).toBe('bias');
    expect(() => lawsAt(nuclearModel, { gamma: 1.5, beta: 0.75, sigma: 1, alpha: 1 })).toThrow(/crossover/);
  });

  it('without noise the bias law reaches down to n^(1 - gamma/2); below it the model does not say', () => {
    const r = lawsAt(nuclearModel, { gamma: 1.5, beta: 0.3, sigma: 0, alpha: 1 });
    expect(r.regime).toBe('bias');
    expect(r.exponents.riskN).toBeCloseTo(2 - 1 / 1.5, 12);
    expect(r.exponents.riskPath).toBeCloseTo((2 - 1 / 1.5) * 0.7, 12);
    expect(() => lawsAt(nuclearModel, { gamma: 1.5, beta: 0.2, sigma: 0, alpha: 1 })).toThrow(/spiked state evolution/);
  });
});
