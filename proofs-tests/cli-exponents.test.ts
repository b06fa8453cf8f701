import { describe, expect, it } from 'vitest';
import { main, type App } from '../src/cli/main.js';
import { evaluateLaws, formulaOf, piecewise } from '../src/core/laws.js';
import { mathAt } from '../src/symbolic/numeric.js';
import { models } from '../derivations/index.js';
import { lazyModel, transportModel } from '../derivations/transport-laws.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const app: App = { claims: [], models };
  const code = await main(argv, app, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err };
}

describe('scalecheck exponents', () => {
  it('prints every law of the lazy model with its formula and value', async () => {
    const r = await run(['exponents', 'lazy', '--alpha', '2', '--beta', '1.5']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/lossTime\s+= \(beta - 1\) \/ alpha = 0\.25/);
    expect(r.out).toMatch(/frontierK\s+= 1 \/ alpha = 0\.5/);
    expect(r.out).toContain('regime: lazy');
  });

  it('gives the JSON form of the issue, with the regime named and dotted keys nested', async () => {
    const r = await run(['exponents', 'transport', '--alpha', '2', '--beta', '3', '--sigma', '0.5', '--q', '0', '--c', '1', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.regime).toBe('transport-dominated');
    // a = nu (q+1)/sigma = 2, b = beta - 1 = 2
    expect(j.exponents).toEqual({ lossTime: 2, frontierLambda: 2, frontierK: 1, lossModes: 2, compute: { N: 0.5, t: 0.5, loss: 1 } });
    expect(Object.keys(j.formulas.compute)).toEqual(['N', 't', 'loss']);
    expect(typeof j.latex.lossTime).toBe('string');
  });

  it('prints LaTeX', async () => {
    const r = await run(['exponents', 'lazy', '--alpha', '2', '--beta', '1.5', '--latex']);
    expect(r.out).toContain('\\begin{aligned}');
    expect(r.out).toContain('\\frac{\\beta-1}{\\alpha}');
  });

  it('names the regime at each side of the self-similar line q + 1 = sigma', () => {
    const at = (q: number): string => evaluateLaws(transportModel, { alpha: 2, beta: 2, sigma: 1, q, c: 1 }).regime;
    expect([at(-0.5), at(0), at(0.5)]).toEqual(['lazy-dominated', 'self-similar', 'transport-dominated']);
  });

  it.each([
    [['exponents', 'transport', '--alpha', '2', '--beta', '2', '--sigma', '-0.5', '--q', '0', '--c', '1'], /no regime applies/],
    [['exponents', 'lazy', '--alpha', '0.9', '--beta', '2'], /alpha must exceed 1/],
    [['exponents', 'lazy', '--alpha', '2'], /missing parameter --beta/],
    [['exponents', 'lazy', '--alpha', '2', '--beta', '2', '--gamma', '1'], /unknown parameter --gamma/],
    [['exponents', 'lazy', '--alpha', 'NaN', '--beta', '2'], /must be a number/],
    [['exponents', 'lazy', '--alpha', '1e999', '--beta', '2'], /finite/],
    [['exponents', 'nosuch'], /unknown model/],
    [['exponents'], /needs a model/],
  ])('refuses %j with one line and exit 2', async (argv, msg) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(msg as RegExp);
  });

  it('checks the same text it prints: the piecewise formula evaluates, per regime, to the printed value', () => {
    const math = mathAt(30);
    for (const p of [
      { alpha: 2, beta: 2, sigma: 1, q: -0.5, c: 1 },
      { alpha: 1.5, beta: 3, sigma: 0.7, q: 0.9, c: 2 },
    ]) {
      const r = evaluateLaws(transportModel, p);
      for (const key of ['lossTime', 'frontierLambda', 'compute.loss']) {
        const scope = Object.fromEntries(Object.entries(p).map(([k, x]) => [k, math.bignumber(String(x))]));
        const v = Number(math.evaluate(piecewise(transportModel, key), scope).toString());
        expect(v).toBeCloseTo((r.exponents as Record<string, number>)[key]!, 12);
      }
    }
    expect(formulaOf(lazyModel, 'lazy', 'lossTime')).toBe('(beta - 1) / alpha');
  });
});
