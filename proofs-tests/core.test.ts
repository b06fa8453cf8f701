import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { classify } from '../src/core/precision.js';
import { combine } from '../src/core/verdict.js';
import { crossCheckDerivative, decideZero, evalSymbolic, sym } from '../src/symbolic/symbolic.js';
import { residuals } from '../src/core/evaluate.js';

const d = (x: string): Decimal => new Decimal(x);

describe('precision-scaling rule', () => {
  it('passes a residual that falls with the working precision', () => {
    expect(classify(d('1e-38'), d('1e-78'), 40, 80, 0.9)).toBe('holds');
    expect(classify(d('0'), d('0'), 40, 80, 0.9)).toBe('holds');
  });
  it('refutes a residual that stays put', () => {
    expect(classify(d('0.5'), d('0.5'), 40, 80, 0.9)).toBe('fails');
    expect(classify(d('1e-12'), d('3e-13'), 40, 80, 0.4)).toBe('fails');
  });
  it('calls a wandering residual inconclusive, never a pass', () => {
    expect(classify(d('1e-20'), d('1e-25'), 40, 80, 0.9)).toBe('wanders');
    expect(classify(d('1e-30'), d('1e-10'), 40, 80, 0.4)).toBe('wanders');
    expect(classify(d('NaN'), d('1e-80'), 40, 80, 0.9)).toBe('wanders');
  });
});

describe('verdicts', () => {
  it('surfaces disagreement between the symbolic and numeric routes as a conflict', () => {
    expect(combine('holds', 'zero', true)).toBe('proved');
    expect(combine('holds', 'zero', false)).toBe('verified');
    expect(combine('holds', 'n/a', true)).toBe('verified');
    expect(combine('holds', 'nonzero', true)).toBe('conflict');
    expect(combine('fails', 'zero', true)).toBe('conflict');
    expect(combine('fails', 'nonzero', true)).toBe('refuted');
    expect(combine('wanders', 'zero', true)).toBe('inconclusive');
    expect(combine('degenerate', 'n/a', true)).toBe('inconclusive');
  });
});

describe('symbolic layer', () => {
  it('decides zero, nonzero and leaves the rest undecided', () => {
    const A = evalSymbolic('offdiv(transpose(B), pairdiff(l))', { B: sym.symmetric('b', 3), l: sym.vector('l', 3) });
    expect(decideZero(evalSymbolic('A + transpose(A)', { A }))).toBe('zero');
    expect(decideZero(evalSymbolic('A - transpose(A)', { A }))).toBe('nonzero');
    expect(decideZero('x - x + 1')).toBe('nonzero');
  });
  it('cross-checks derivatives between nerdamer and mathjs', () => {
    expect(crossCheckDerivative('x^3 * exp(-a*x)', 'x').agree).toBe('zero');
  });
  it('evaluates the same encoding text numerically', () => {
    const r = residuals(
      { defs: [['S', 'A + transpose(A)']], equations: [{ name: 'z', lhs: 'S', rhs: '2 * A', scale: '1' }] },
      { A: [[d('1'), d('2')], [d('2'), d('5')]] },
      40,
    );
    expect(r[0]!.residual.isZero()).toBe(true);
  });
});
