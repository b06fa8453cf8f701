/**
 * verify(), the API's run: the report the CLI writes, bad options and bad claims refused before
 * any case runs (UsageError, MalformedClaim), and the claim set a replay line names.
 */
import { describe, expect, it } from 'vitest';
import { Decimal, MalformedClaim, UsageError, defineClaim, fc, verify, type Claim } from '../../src/api/index.js';
import { claimSetOf } from '../../src/api/verify.js';
import { claims as catalogue } from '../../derivations/index.js';

const doubling = defineClaim({
  id: 'api.doubling',
  group: 'api',
  kind: 'identity',
  source: 'none',
  statement: 'x + x = 2x',
  domain: fc.integer({ min: 1, max: 1000 }),
  encoding: { defs: [['y', 'x + x']], equations: [{ name: 'double', lhs: 'y', rhs: '2 * x' }] },
  instance: (x) => ({ scope: { x: new Decimal(x) } }),
  runs: 5,
  variants: [{ name: 'tripled', equations: { double: { rhs: '3 * x' } } }],
});

describe('verify()', () => {
  it('returns the report, entry by entry as each claim finishes', () => {
    const seen: string[] = [];
    const report = verify([doubling], { seed: 7, onClaim: (e) => seen.push(`${e.id}: ${e.verdict}`) });
    expect(seen).toEqual(['api.doubling: verified']);
    expect(report).toMatchObject({ seed: 7, digits: [40, 80], summary: { ok: true } });
    expect(report.claims[0]).toMatchObject({ id: 'api.doubling', verdict: 'verified', runs: 5, variants: [{ name: 'tripled', verdict: 'refuted' }] });
    expect(report.claims[0]!.variants[0]!.counterexample?.replay).toMatch(/--seed 7 --digits 40 .*--replay api\.doubling#0:/);
  });

  it.each([
    [{ seed: Number.NaN }, /seed must be an integer from 0 to 2147483647, got NaN/],
    [{ seed: 1.5 }, /seed must be an integer/],
    [{ digits: 5 }, /digits must be an integer from 10 to/],
    [{ runs: 0 }, /runs must be an integer from 1 to 100000, got 0/],
    [{ deep: 'false' }, /verify's option deep is a boolean, got string/],
    [{ mutants: 1 }, /option mutants is a boolean, got number/],
    [{ onClaim: 5 }, /option onClaim is a function, got number/],
    [{ runz: 5 }, /verify has no option 'runz' \(options: seed, runs, digits, mutants, deep, onClaim\)/],
    [null, /verify's options are an object, got null/],
  ])('refuses the options %j before any case runs', (options, message) => {
    let ran = false;
    const watched = { ...doubling, instance: (x: number) => ((ran = true), { scope: { x: new Decimal(x) } }) } as Claim<unknown>;
    expect(() => verify([watched], options as never)).toThrow(UsageError);
    expect(() => verify([watched], options as never)).toThrow(message);
    expect(ran).toBe(false);
  });

  it('refuses a value that is no claim, and two claims of one id, as malformed', () => {
    expect(() => verify([null as unknown as Claim<unknown>])).toThrow(new MalformedClaim('a claim is an object (made by defineClaim), got null'));
    expect(() => verify([42 as unknown as Claim<unknown>])).toThrow(/got number/);
    expect(() => verify([doubling, doubling])).toThrow(new MalformedClaim("two claims are named 'api.doubling'"));
    // an empty set would pass a test that lost its claims
    expect(() => verify([])).toThrow(new UsageError('verify takes a non-empty array of claims, got an empty array'));
    expect(() => verify(doubling as never)).toThrow(/got object/);
  });

  it('names the claim files a replay must load: this file, and the catalogue beside it', () => {
    expect(claimSetOf([doubling])).toEqual({ files: ['proofs-tests/api/verify.test.ts'], catalogue: false });
    expect(claimSetOf([catalogue[0]!])).toEqual({ files: [], catalogue: false });
    expect(claimSetOf([doubling, catalogue[0]!])).toEqual({ files: ['proofs-tests/api/verify.test.ts'], catalogue: true });
  });
});
