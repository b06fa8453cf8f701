/**
 * Exponent models (src/core/laws.ts) beyond engine.test.ts's 'exponent models': the piecewise
 * expression of a key over the regimes, formula text printed with the fewest parentheses, models
 * without exclusions, non-finite values, and the choice of the printed (readable) formula among
 * mathjs's and nerdamer's rewrites: the shortest one that evaluates to the checked value.
 */
import { evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { evaluateLaws, formulaOf, LawError, piecewise, type LawModel } from '../../src/core/laws.js';

/** A one-regime model of one key `k` in the given parameters (no domain, no exclusions). */
function single(formula: string, params: string[], derived?: Record<string, string>): LawModel {
  return {
    name: 'single',
    description: 'one key, one regime',
    source: 'none',
    params: params.map((name) => ({ name, meaning: `the parameter ${name}` })),
    domain: [],
    keys: [{ key: 'k', meaning: 'the key' }],
    ...(derived ? { derived } : {}),
    regimes: [{ name: 'only', description: 'everywhere', when: 'true', formulas: { k: formula } }],
  };
}

/** Two regimes split at b = 1, a shared key written with redundant parentheses, no `excluded`. */
function split(): LawModel {
  return {
    name: 'split',
    description: 'two regimes',
    source: 'none',
    params: [
      { name: 'a', meaning: 'a' },
      { name: 'b', meaning: 'b' },
    ],
    domain: [{ when: 'a > 0', message: 'a must be positive' }],
    keys: [
      { key: 'nu', meaning: 'nu' },
      { key: 'k', meaning: 'k' },
    ],
    derived: { nu: '(b / a)' },
    regimes: [
      { name: 'low', description: 'b < 1', when: 'b < 1', formulas: { k: '2 * nu' } },
      { name: 'high', description: '1 <= b < 10', when: 'b >= 1 and b < 10', formulas: { k: 'nu ^ 2' } },
    ],
  };
}

/** The printed formula, its LaTeX and value of `k` at these parameters. */
function printed(model: LawModel, params: Record<string, number>): { value: number; formula: string; latex: string } {
  const r = evaluateLaws(model, params);
  return { value: r.exponents.k!, formula: r.formulas.k!, latex: r.latex.k! };
}

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('nothing was thrown');
}

describe('exponent models: piecewise expressions and formula text', () => {
  it('print a formula with only the parentheses it needs, other keys substituted', () => {
    const model = split();
    // '(b / a)' keeps no redundant parentheses, neither alone nor substituted into a product
    expect(formulaOf(model, 'low', 'nu')).toBe('b / a');
    expect(formulaOf(model, 'low', 'k')).toBe('2 * b / a');
    expect(formulaOf(model, 'high', 'k')).toBe('(b / a) ^ 2');
  });

  it('write a key over every regime as nested conditionals, NaN where no regime holds', () => {
    const model = split();
    const pw = piecewise(model, 'k');
    expect(pw).toBe('((b < 1) ? (2 * b / a) : ((b >= 1 and b < 10) ? ((b / a) ^ 2) : NaN))');
    expect(piecewise(model, 'nu')).toBe('((b < 1) ? (b / a) : ((b >= 1 and b < 10) ? (b / a) : NaN))');
    // each regime's own formula, where that regime applies
    expect(evaluate(pw, { a: 2, b: 0.5 })).toBe(0.5);
    expect(evaluate(pw, { a: 2, b: 3 })).toBe(2.25);
    expect(evaluate(pw, { a: 2, b: 0.5 })).toBe(evaluateLaws(model, { a: 2, b: 0.5 }).exponents.k);
    expect(evaluate(pw, { a: 2, b: 3 })).toBe(evaluateLaws(model, { a: 2, b: 3 }).exponents.k);
    expect(evaluate(pw, { a: 2, b: 20 })).toBeNaN();
    // one regime: one conditional
    expect(piecewise(single('a + 1', ['a']), 'k')).toBe('((true) ? (a + 1) : NaN)');
    expect(() => piecewise(model, 'nope')).toThrow('no formula for nope');
  });

  it('evaluate a model that declares no excluded region', () => {
    const model = split();
    expect(model.excluded).toBeUndefined();
    const r = evaluateLaws(model, { a: 2, b: 0.5 });
    expect(r).toMatchObject({ model: 'split', regime: 'low', regimeDescription: 'b < 1', params: { a: 2, b: 0.5 } });
    expect(r.exponents).toEqual({ nu: 0.25, k: 0.5 });
    expect(r.formulas).toEqual({ nu: 'b / a', k: '2 * b / a' });
    expect(evaluateLaws(model, { a: 2, b: 3 }).exponents).toEqual({ nu: 1.5, k: 2.25 });
    expect(thrown(() => evaluateLaws(model, { a: 2, b: 10 })).message).toBe("model split: no regime's derivation covers these parameters");
  });

  it('name the cycle, from the key asked for, when evaluating formulas that refer to each other', () => {
    const cyclic: LawModel = { ...split(), derived: { nu: 'mu + 1', mu: '2 * nu' } };
    const e = thrown(() => evaluateLaws(cyclic, { a: 2, b: 0.5 }));
    expect(e.message).toBe('formulas refer to each other in a cycle: nu -> mu -> nu');
  });

  it('refuse a key whose value is an infinite or NaN number', () => {
    const inf = thrown(() => evaluateLaws(single('1 / (b - 1)', ['b']), { b: 1 }));
    expect(inf).toBeInstanceOf(LawError);
    expect(inf.message).toBe('model single: k is not finite at these parameters');
    const nan = thrown(() => evaluateLaws(single('(b - 1) / (b - 1)', ['b']), { b: 1 }));
    expect(nan).toBeInstanceOf(LawError);
    expect(nan.message).toBe('model single: k is not finite at these parameters');
    // next to the pole the same formulas are finite
    expect(printed(single('1 / (b - 1)', ['b']), { b: 3 }).value).toBe(0.5);
    expect(printed(single('(b - 1) / (b - 1)', ['b']), { b: 3 }).value).toBe(1);
  });
});

describe('exponent models: the printed formula is the shortest rewrite of the same value', () => {
  it("take nerdamer's simplification when it clears a nested fraction", () => {
    // a / b / (1 + a / b): mathjs keeps 'a / (a / b + 1) / b', nerdamer's factor 'a / b / (a / b + 1)'
    const p = printed(single('nu / (1 + nu)', ['a', 'b'], { nu: 'a / b' }), { a: 3, b: 7 });
    expect(p).toEqual({ value: 0.3, formula: 'a / (a + b)', latex: '\\frac{ a}{ a+\\mathrm{b}}' });
  });

  it("keep mathjs's form when it is strictly the shortest", () => {
    // nerdamer factors a^3 - b^3 into (a - b) * (a * b + a ^ 2 + b ^ 2)
    const p = printed(single('a ^ 3 - b ^ 3', ['a', 'b']), { a: 3, b: 7 });
    expect(p).toEqual({ value: -316, formula: 'a ^ 3 - b ^ 3', latex: '{ a}^{3}-{\\mathrm{b}}^{3}' });
  });

  it('on a tie in printed length keep the first (mathjs) form; whitespace does not count', () => {
    // 'b ^ (1 / 2)' and nerdamer's 'sqrt(b)' are both 7 characters without spaces, the formula as written 9
    const p = printed(single('(b ^ 0.5)', ['b']), { b: 7 });
    expect(p).toEqual({ value: Math.sqrt(7), formula: 'b ^ (1 / 2)', latex: '{\\mathrm{b}}^{\\frac{1}{2}}' });
    // written shorter than any rewrite: as written
    expect(printed(single('b ^ 0.5', ['b']), { b: 7 }).formula).toBe('b ^ 0.5');
    // '(c + d) * (b + a)' against nerdamer's '(a + b) * (c + d)'
    expect(printed(single('a * c + b * c + a * d + b * d', ['a', 'b', 'c', 'd']), { a: 3, b: 7, c: 2, d: 5 }).formula).toBe('(c + d) * (b + a)');
  });

  it("take nerdamer's factored form, and not its wrong simplification", () => {
    // nerdamer simplifies (a + b)^2 + a^2 + 2ab + b^2 to (a + b)^2, half the value; its factor form is right
    const p = printed(single('s ^ 2 + a ^ 2 + 2 * a * b + b ^ 2', ['a', 'b'], { s: 'a + b' }), { a: 3, b: 7 });
    expect(p).toEqual({ value: 200, formula: '2 * (a + b) ^ 2', latex: '2\\cdot{\\left( a+\\mathrm{b}\\right)}^{2}' });
    // nerdamer simplifies (a^2 - b^2) / (a - b)^2 to -(a + b), the sign lost; factor gives (a + b) / (a - b)
    expect(printed(single('(a ^ 2 - b ^ 2) / (a - b) ^ 2', ['a', 'b']), { a: 3, b: 7 })).toMatchObject({ value: -2.5, formula: '(a + b) / (a - b)' });
  });

  it('refuse a shorter rewrite of another real value', () => {
    // exp(log(b^2) / 2) = |b|; nerdamer rewrites it to b, wrong for b < 0
    const p = printed(single('exp(log(b ^ 2) / 2)', ['b']), { b: -7 });
    expect(p).toEqual({ value: 7, formula: 'exp(log(b ^ 2) / 2)', latex: '\\exp\\left(\\frac{\\ln\\left({\\mathrm{b}}^{2}\\right)}{2}\\right)' });
  });

  it('refuse a shorter rewrite that is not a real number, even where the value is 0', () => {
    // log(b^2) / 2 - log(-b) = 0 for b < 0; nerdamer's log(b) - log(-b) is i*pi there
    const p = printed(single('log(b ^ 2) / 2 - log(-b)', ['b']), { b: -7 });
    expect(p).toEqual({ value: 0, formula: 'log(b ^ 2) / 2 - log(-b)', latex: '\\frac{\\ln\\left({\\mathrm{b}}^{2}\\right)}{2}-\\ln\\left(-\\mathrm{b}\\right)' });
    // and where the value is not 0: log(b ^ 2) / 2 = log|b|, not nerdamer's log(b)
    expect(printed(single('log(b ^ 2) / 2', ['b']), { b: -7 }).formula).toBe('log(b ^ 2) / 2');
  });

  it('accept a rewrite off by rounding only, relative to the size of the value', () => {
    const model = single('nu * (nu + 1)', ['a', 'b'], { nu: 'b / a' });
    // |value| ~ 5e6: nerdamer's form differs by 9.3e-10, within 1e-12 * |value| (more than 1e-12)
    const big = printed(model, { a: 3, b: 7000 });
    expect(big.value).toBe(5446777.777777779);
    expect(evaluate('(a + b) * b / a ^ 2', { a: 3, b: 7000 }) - big.value).toBe(-9.313225746154785e-10);
    expect(big.formula).toBe('(a + b) * b / a ^ 2');
    // |value| ~ 8: off by 8.9e-16, within the absolute 1e-12
    expect(printed(model, { a: 3, b: 7 })).toMatchObject({ value: 7.777777777777779, formula: '(a + b) * b / a ^ 2' });
  });
});

describe('exponent models: rewrites and names that must not change a formula', () => {
  it('mathjs\'s own simplification is checked against the value too: (b^4)^(1/4) is |b|, not b', () => {
    const r = evaluateLaws(single('(b ^ 4) ^ (1 / 4)', ['b']), { b: -7 });
    expect(r.exponents.k).toBeCloseTo(7, 12);
    expect(evaluate(r.formulas.k!, { b: -7 })).toBeCloseTo(7, 12);
    const cube = evaluateLaws(single('(b ^ 2) ^ (3 / 2)', ['b']), { b: -2 });
    expect(evaluate(cube.formulas.k!, { b: -2 })).toBeCloseTo(8, 12);
    // where the rewrite is right it is still taken
    expect(evaluateLaws(single('(b ^ 4) ^ (1 / 4)', ['b']), { b: 7 }).formulas.k).toBe('b');
  });

  it('a regime formula with a conditional is printed as written, not an engine error', () => {
    const r = evaluateLaws(single('b > 1 ? 2 * b : b', ['b']), { b: 3 });
    expect(r.exponents.k).toBe(6);
    expect(evaluate(r.formulas.k!, { b: 3 })).toBe(6);
    expect(evaluate(r.formulas.k!, { b: 0.5 })).toBe(0.5);
  });

  it('a key spelled like a function is not substituted where the function is called', () => {
    const m = single('gamma(b) * gamma', ['a', 'b'], { gamma: 'a + 1' });
    expect(formulaOf(m, 'only', 'k')).toBe('gamma(b) * (a + 1)');
    expect(evaluateLaws(m, { a: 1, b: 4 }).exponents.k).toBeCloseTo(12, 12);
  });
});
