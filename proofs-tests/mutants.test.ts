import { describe, expect, it } from 'vitest';
import { mutateExpression, mutantsOf } from '../src/core/mutants.js';
import { mutationAnalysis } from '../src/core/runner.js';
import { timeRescaling } from '../derivations/flow.js';
import { hellmannFeynman } from '../derivations/kato.js';
import type { Claim } from '../src/core/claim.js';

describe('automatic mutants', () => {
  it('mutate signs, factors, exponents, terms and transposes', () => {
    const ms = mutateExpression('-lambda .* c + transpose(A) * c .^ 2').map((m) => m.mutation);
    for (const kind of ['factor 2 on the whole side', 'whole side negated', 'sign flipped', 'term dropped', 'exponent +1', 'exponent -1', 'constant doubled', 'transpose removed']) {
      expect(ms.some((m) => m.startsWith(kind)), kind).toBe(true);
    }
  });
  it('leave alone definitions no equation reads', () => {
    expect([...new Set(mutantsOf(hellmannFeynman.encoding).map((m) => m.site))].sort()).toEqual(['def B', 'eq hf.lhs', 'eq hf.rhs']);
  });
  it('never repeat the original or each other', () => {
    const exprs = mutateExpression('a + a').map((m) => m.expr);
    expect(new Set(exprs).size).toBe(exprs.length);
    expect(exprs).not.toContain('a + a');
  });
  it.each([['flow.time-rescaling', timeRescaling], ['kato.hellmann-feynman', hellmannFeynman]])('every mutant of %s is refuted', (_id, claim) => {
    const c = claim as Claim<unknown>;
    const res = mutationAnalysis(c, { seed: 5, runs: 6, digits: 30 });
    expect(res).toHaveLength(mutantsOf(c.encoding).length);
    expect(res.filter((m) => m.status !== 'refuted')).toEqual([]);
  });
});
