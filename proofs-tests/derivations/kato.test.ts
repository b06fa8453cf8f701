import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { katoClaims, modewiseOde } from '../../derivations/kato.js';
import type { PathParams } from '../../derivations/instances.js';
import type { Claim, Variant } from '../../src/core/claim.js';
import { applyVariant } from '../../src/core/claim.js';
import { residuals } from '../../src/core/evaluate.js';
import { check, evaluateCase } from '../../src/core/runner.js';
import { drawn } from '../soundness/degeneracy-sweep.js';
import { expectClaimInOrder } from './helpers.js';

describe('kato claims', () => {
  for (const c of katoClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c));
});

/** The modewise claim reduced to one of its equations (variants keep only what touches it). */
function only(equation: string): Claim<PathParams> {
  const keep = (v: Variant): Variant => ({ ...v, equations: Object.fromEntries(Object.entries(v.equations ?? {}).filter(([n]) => n === equation)) });
  return {
    ...modewiseOde,
    encoding: { defs: modewiseOde.encoding.defs, equations: modewiseOde.encoding.equations.filter((q) => q.name === equation) },
    variants: modewiseOde.variants.map(keep),
  };
}

const residualOf = (params: PathParams, digits: number, variant: Variant | undefined, equation: string): Decimal => {
  const inst = modewiseOde.instance(params, { digits, flags: {} });
  expect(inst.degenerate).toBeUndefined();
  const r = residuals(applyVariant(modewiseOde.encoding, variant), inst.scope, digits).find((x) => x.equation === equation);
  return r!.residual;
};

describe('kato.modewise-ode, integrated', () => {
  it('the integrated equation alone holds, and refutes every wrong field by itself', () => {
    const claim = only('integrated');
    expectClaimInOrder(claim as Claim<unknown>, 8, 7);
  });

  it('a spectrum frozen at t0 passes the pointwise equation and is refuted by the integrated one', () => {
    const frozen = modewiseOde.variants.find((v) => v.name.startsWith('spectrum frozen'))!;
    const r = check(modewiseOde, frozen, { seed: 3, runs: 6, digits: 30 });
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.equation).toBe('integrated');
    const p = r.counterexample!.params as PathParams;
    // exact at t0: the pointwise equation cannot tell
    expect(residualOf(p, 60, frozen, 'modewise').lt(new Decimal(10).pow(-20))).toBe(true);
    expect(residualOf(p, 60, frozen, 'integrated').gt(new Decimal(10).pow(-12))).toBe(true);
  });

  it('the integrated equation spans a real interval and meets the working precision', () => {
    for (const p of fc.sample(modewiseOde.domain, { seed: 11, numRuns: 6 })) {
      const inst = modewiseOde.instance(p, { digits: 60, flags: {} });
      if (inst.degenerate) continue;
      // e moves over [t0, t0 + H]: not a pointwise check in disguise
      const [ea, eb] = [inst.scope.e_a as Decimal[], inst.scope.e_b as Decimal[]];
      const moved = ea.reduce((m, x, i) => Decimal.max(m, x.minus(eb[i]!).abs()), new Decimal(0));
      expect(moved.gt(Decimal.max(...ea.map((x) => x.abs())).mul(1e-4))).toBe(true);
      expect(residualOf(p, 60, undefined, 'integrated').lt(new Decimal(10).pow(-0.45 * 60))).toBe(true);
    }
  });

  it('paths drawn through clusters and crossings are reported or hold, never refuted', { timeout: 300_000 }, () => {
    const mw = katoClaims.findIndex((c) => c.id === 'kato.modewise-ode');
    const cases = fc.sample(drawn, { seed: 5, numRuns: 600 }).filter((c) => c.claim === mw);
    expect(cases.length).toBeGreaterThan(20);
    const outcomes: Record<string, number> = {};
    for (const c of cases) {
      const r = evaluateCase(modewiseOde, modewiseOde.encoding, {}, c.params, 20);
      outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
      expect(['holds', 'degenerate', 'wanders'], `${c.family} ${JSON.stringify(c.params.design)}: ${r.note ?? JSON.stringify(r.residuals)}`).toContain(r.outcome);
    }
    expect(outcomes.holds ?? 0).toBeGreaterThan(0);
  });
});
