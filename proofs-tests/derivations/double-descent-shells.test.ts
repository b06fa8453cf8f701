import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { doubleDescentShells, sharesAt, SHELLS } from '../../derivations/double-descent-shells.js';
import { applyVariant, type Claim, type Encoding } from '../../src/core/claim.js';
import { residuals } from '../../src/core/evaluate.js';
import { mpEdges, mpShellShares, shellCuts } from '../../src/models/wishart-shells.js';
import { expectClaimInOrder } from './helpers.js';

const variant = (name: string): Encoding => applyVariant(doubleDescentShells.encoding, doubleDescentShells.variants.find((v) => v.name === name));

/** the encoding's definitions evaluated on expressions: each returned at 30 digits */
function values(enc: Encoding, exprs: string[], scope: Record<string, Decimal | Decimal[]>): number[] {
  const eqs = exprs.map((e, i) => ({ name: `v${i}`, lhs: e, rhs: '0', scale: '1' }));
  return residuals({ defs: enc.defs, equations: eqs }, { K: new Decimal(SHELLS), ...scope }, 30).map((r) => r.difference[0]!.toNumber());
}

const sharesOf = (enc: Encoding, g: number): number[] =>
  values(enc, Array.from({ length: SHELLS }, (_, k) => `S(g, c, ${k})`), { g: new Decimal(g), c: shellCuts(g, SHELLS).map((x) => new Decimal(x)) });

describe('transport.double-descent-shells', () => {
  it('holds, and every wrong variant is refuted', () => expectClaimInOrder(doubleDescentShells as Claim<unknown>, 2, 7), 180_000);

  it('the stated standard error of the extrapolated shares is their spread over seeds (small n: the same estimator, cheap)', () => {
    const S = 120;
    const runs = Array.from({ length: S }, (_, s) => sharesAt(0.5, 7000 + s, 80, 30));
    for (let k = 0; k < SHELLS; k++) {
      const xs = runs.map((r) => r.share[k]!);
      const m = xs.reduce((a, b) => a + b, 0) / S;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (S - 1));
      const rms = Math.sqrt(runs.reduce((a, r) => a + r.se[k]! ** 2, 0) / S);
      // the ratio's own relative error is about 1/sqrt(2 S) = 6.5%: a band of 3 of them
      expect(sd / rms, `shell ${k}`).toBeGreaterThan(0.8);
      expect(sd / rms, `shell ${k}`).toBeLessThan(1.2);
    }
  }, 60_000);

  it('the closed form of the encoding is the Marchenko–Pastur law by quadrature: the variance shares, the count shares, and a law with its edge moved', () => {
    const count = variant('variance split by eigenvalue counts');
    const high = variant('MP edge 5% high');
    for (const g of [0.3, 0.5, 0.8, 0.95, 0.99, 1.25, 2, 5]) {
      const tol = 1e-10;
      sharesOf(doubleDescentShells.encoding, g).forEach((x, k) => expect(Math.abs(x - mpShellShares(g, SHELLS)[k]!), `gamma ${g} shell ${k}`).toBeLessThan(tol));
      sharesOf(count, g).forEach((x, k) => expect(Math.abs(x - mpShellShares(g, SHELLS, 'count')[k]!), `gamma ${g} count shell ${k}`).toBeLessThan(tol));
      const [lo, hi] = mpEdges(g);
      sharesOf(high, g).forEach((x, k) => expect(Math.abs(x - mpShellShares(g, SHELLS, 'variance', [1.05 * lo, hi])[k]!), `gamma ${g} edge +5% shell ${k}`).toBeLessThan(tol));
    }
  });

  it('the antiderivative\'s total is 2 pi min(gamma, 1) / |1 - gamma|: E 1/lambda = 1/|1 - gamma|, the divergence of the risk on both sides', () => {
    for (const g of [0.1, 0.5, 0.9, 0.999, 1.001, 1.5, 3]) {
      const [w] = values(doubleDescentShells.encoding, ['W(top(g), edge(g), top(g)) - 2 * pi * min(g, 1) / abs(1 - g)'], { g: new Decimal(g) });
      expect(Math.abs(w!) * Math.abs(1 - g), `gamma ${g}`).toBeLessThan(1e-25);
    }
  });

  it('as gamma -> 1 the lowest shell carries all the variance: 1 - share_0 ~ (4/pi)((1 - sqrt g)/(1 + sqrt g))^(1/K) on both sides, the exponent in |1 - gamma| tending to 1/K', () => {
    let before = Infinity;
    const deficit = (g: number): number => 1 - sharesOf(doubleDescentShells.encoding, g)[0]!;
    const asymptote = (g: number): number => (4 / Math.PI) * Math.abs((1 - Math.sqrt(g)) / (1 + Math.sqrt(g))) ** (1 / SHELLS);
    for (const e of [1e-2, 1e-3, 1e-4, 1e-5, 1e-6]) {
      const gap = Math.abs(deficit(1 - e) / asymptote(1 - e) - 1);
      // relative corrections O((lambda_- / lambda_+)^(1/K)) = O((e/4)^(2/K))
      expect(gap, `|1 - gamma| = ${e}`).toBeLessThan(2 * (e / 4) ** (2 / SHELLS));
      expect(gap).toBeLessThan(before);
      before = gap;
      // the mirror side: the same law (up to the float64 cuts, 1 - sqrt(gamma) losing log10(1/e) digits)
      expect(Math.abs(deficit(1 / (1 - e)) - deficit(1 - e))).toBeLessThan(1e-14 / e);
    }
    const exponent = (e: number): number => Math.log(deficit(1 - e / 2) / deficit(1 - e)) / Math.log(1 / 2);
    const slopes = [0.5, 0.05, 5e-3, 5e-4, 5e-6].map(exponent);
    slopes.slice(1).forEach((s, i) => expect(Math.abs(s - 1 / SHELLS)).toBeLessThan(Math.abs(slopes[i]! - 1 / SHELLS)));
    expect(Math.abs(slopes.at(-1)! - 1 / SHELLS)).toBeLessThan(2e-3);
    // the window the claim measures, |1 - gamma| from 1/2 to 1/5, is still far from it: the closed form's own exponent is checked there
    const [r] = values(doubleDescentShells.encoding, ['rate(0.5, c05, 0.8, c08)'], { c05: shellCuts(0.5, SHELLS).map((x) => new Decimal(x)), c08: shellCuts(0.8, SHELLS).map((x) => new Decimal(x)) });
    expect(r!).toBeCloseTo(0.2766, 3);
  });
});
