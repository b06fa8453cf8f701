import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import '../../src/api/vitest.js';
import { claimMatchers, setup } from '../../src/api/vitest.js';
import { defineClaim } from '../../src/core/define.js';
import { check } from '../../src/core/runner.js';
import { MalformedClaim } from '../../src/core/validate.js';
import { parseVerify } from '../../src/cli/args.js';
import { main } from '../../src/cli/main.js';
import type { Claim } from '../../src/core/claim.js';

const identity = {
  group: 'toy',
  kind: 'identity' as const,
  source: 'none',
  domain: fc.integer({ min: 1, max: 1000 }),
  instance: (x: number) => ({ scope: { x: new Decimal(x) } }),
  runs: 6,
};

// x + x = 2x: holds; 'tripled' is wrong, 'same' says the same thing in other words
const double = defineClaim<number>({
  ...identity,
  id: 'toy.double',
  statement: 'x + x = 2x',
  encoding: { defs: [['y', 'x + x']], equations: [{ name: 'double', lhs: 'y', rhs: '2 * x' }] },
  variants: [
    { name: 'tripled', equations: { double: { rhs: '3 * x' } } },
    { name: 'same', equations: { double: { rhs: 'x + x' } } },
  ],
});
const doubleInOrder = { ...double, variants: double.variants.slice(0, 1) };

// x^2 = 2x: wrong but at x = 2; shrinks to x = 1, where the residual is |1 - 2| / 2
const square = defineClaim<number>({
  ...identity,
  id: 'toy.square',
  statement: 'x^2 = 2x',
  encoding: { defs: [['y', 'x * x']], equations: [{ name: 'square', lhs: 'y', rhs: '2 * x' }] },
  variants: [{ name: 'cubed', defs: { y: 'x * x * x' } }],
});

// a measured exponent 2 + (a / 10) / 2^level converging to 2 over growing ranges; 'three' claims 3
const exponent = defineClaim<number>({
  group: 'toy',
  kind: 'scaling',
  source: 'none',
  id: 'toy.exponent',
  statement: 'm \\to 2',
  domain: fc.integer({ min: 1, max: 5 }),
  encoding: { defs: [], equations: [{ name: 'slope', lhs: 'm', rhs: '2', scale: '1' }] },
  ranges: { levels: [1, 2, 3, 4], target: 0.5, label: 'decades' },
  measure: (a, { level }) => ({ scope: { m: new Decimal(2).plus(new Decimal(a).div(10).div(new Decimal(2).pow(level))) } }),
  runs: 4,
  variants: [{ name: 'three', equations: { slope: { rhs: '3' } } }],
});

/** The message a failing expectation throws. */
function failure(run: () => void): string {
  try {
    run();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('the expectation passed');
}

/** The replay line of a message, as CLI arguments (FILE dropped: the app below is given the claims). */
function replayArgs(message: string): string[] {
  const line = /replay: npx scalecheck (verify .*)$/m.exec(message)?.[1];
  expect(line).toBeDefined();
  return line!.split(' ').filter((w, i) => !(i === 1 && !w.startsWith('--')));
}

async function cli(argv: string[], claims: Claim<number>[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(argv, { claims: claims as Claim<unknown>[] }, { out: (s) => out.push(s), err: (s) => out.push(s) });
  return { code, out: out.join('\n') };
}

afterEach(() => {
  vi.unstubAllEnvs();
  fc.resetConfigureGlobal();
});

describe('toHold', () => {
  it('passes on a claim that holds, and .not fails with its verdict', () => {
    expect(double).toHold();
    const m = failure(() => expect(double).not.toHold());
    expect(m).toMatch(/^expected claim toy\.double not to hold, but it is verified/);
    expect(m).toContain('seed 42 (the default');
    expect(m).toMatch(/worst residuals: 40 digits: \S+, 80 digits: \S+/);
  });

  it('fails on a wrong claim with the shrunk case, its residuals, the equation, the seed and the replay line', () => {
    const m = failure(() => expect(square).toHold());
    expect(m).toMatch(/^expected claim toy\.square to hold \(proved or verified\), but it is refuted/);
    expect(m).toContain('seed 42 (the default; set SCALECHECK_SEED or the seed option to change it), digits 40');
    expect(m).toContain('counterexample (shrunk): 1\n');
    expect(m).toContain('equation square: y = 2 * x');
    expect(m).toContain('residuals: 40 digits: 5e-1, 80 digits: 5e-1');
    expect(m).toMatch(/replay: npx scalecheck verify proofs-tests\/api\/vitest\.test\.ts --seed 42 --digits 40 --replay toy\.square:\d+(:\d+)*$/m);
  });

  it('prints a replay line the CLI replays to the same case', async () => {
    const m = failure(() => expect(square).toHold({ seed: 9, runs: 3, digits: 20 }));
    const argv = replayArgs(m);
    expect(argv.slice(0, 7)).toEqual(['verify', '--seed', '9', '--digits', '20', '--runs', '3']);
    const r = await cli(argv, [square]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('toy.square: refuted');
    expect(r.out).toContain('case 1: residuals {"20":"5e-1","40":"5e-1"}');
  });

  it('shows range claims residuals by range level', () => {
    expect(exponent).toHold();
    const wrong = { ...exponent, encoding: { defs: [], equations: [{ name: 'slope', lhs: 'm', rhs: '3', scale: '1' }] } };
    const m = failure(() => expect(wrong).toHold());
    expect(m).toContain('but it is refuted');
    expect(m).toContain('equation slope: m = 3 (scale 1)');
    expect(m).toMatch(/residuals: decades 1: \S+, decades 2: \S+, decades 3: \S+, decades 4: \S+/);
    expect(m).toMatch(/resolution \(each equation off by more is refuted\): .*; target 0\.5/);
  });

  it('says why a measurement coarser than its target decides nothing', () => {
    const strict = { ...exponent, ranges: { ...exponent.ranges, target: 1e-12 } };
    const m = failure(() => expect(strict).toHold());
    expect(m).toContain('inconclusive');
    expect(m).toMatch(/first wandering case: .*\(equation slope\): slope: resolution \S+ is coarser than the claim's target 1e-12/);
  });
});

describe('toRefute', () => {
  it('passes on a refuted variant, and .not fails with its counterexample and replay line (#index)', () => {
    expect(double).toRefute('tripled');
    const m = failure(() => expect(double).not.toRefute('tripled'));
    expect(m).toMatch(/^expected wrong variant 'tripled' \(#0\) of claim toy\.double not to be refuted, but it is/);
    expect(m).toContain('equation double: y = 3 * x');
    expect(m).toMatch(/replay: npx scalecheck verify \S+ --seed 42 --digits 40 --replay toy\.double#0:\d+/);
  });

  it('fails on a variant that holds, with its verdict and evidence', () => {
    const m = failure(() => expect(double).toRefute('same', { seed: 3 }));
    expect(m).toMatch(/^expected wrong variant 'same' \(#1\) of claim toy\.double to be refuted with a replayable counterexample, but it is verified/);
    expect(m).toContain('seed 3 (the seed option)');
    expect(m).toContain('cases: 6 drawn, 0 degenerate, 0 wandering');
    expect(m).toMatch(/worst residuals: 40 digits: \S+, 80 digits: \S+/);
  });

  it('replays a variant counterexample through the CLI', async () => {
    const m = failure(() => expect(double).not.toRefute('tripled', { seed: 5 }));
    const r = await cli(replayArgs(m), [double]);
    expect(r.out).toContain('toy.double [wrong variant: tripled]: refuted');
    expect(r.code).toBe(1);
  });

  it('refutes a range claim variant', () => {
    expect(exponent).toRefute('three');
  });

  it('throws on an unknown variant name, even under .not', () => {
    expect(() => expect(double).toRefute('nope')).toThrow(/claim toy\.double has no wrong variant named 'nope' \(its variants: 'tripled', 'same'\)/);
    expect(() => expect(double).not.toRefute('nope')).toThrow(/no wrong variant named 'nope'/);
  });
});

describe('toBeInOrder', () => {
  it('passes when the claim holds and every wrong variant is refuted', () => {
    expect(doubleInOrder).toBeInOrder();
    expect(exponent).toBeInOrder();
    expect(failure(() => expect(doubleInOrder).not.toBeInOrder())).toMatch(/not to be in order, but it is verified and all 1 wrong variants are refuted/);
  });

  it('names every variant left standing', () => {
    const m = failure(() => expect(double).toBeInOrder({ runs: 4 }));
    expect(m).toContain("wrong variant 'same' (#1) is verified, not refuted");
    expect(m).not.toContain("'tripled'");
    expect(m).toContain('seed 42');
  });

  it('reports a claim that does not hold with its counterexample', () => {
    const m = failure(() => expect(square).toBeInOrder());
    expect(m).toContain('the claim is refuted');
    expect(m).toContain('counterexample (shrunk): 1');
    expect(m).toMatch(/replay: npx scalecheck verify \S+ --seed 42 --digits 40 --replay toy\.square:\d/);
    // its variant x^3 = 2x is refuted too: not listed
    expect(m).not.toContain('cubed');
  });

  it('works as an asymmetric matcher', () => {
    expect({ claim: doubleInOrder }).toEqual({ claim: expect.toBeInOrder({ runs: 3 }) });
    expect({ claim: square }).not.toEqual({ claim: expect.toHold({ runs: 3 }) });
  });
});

describe('the CLI rules', () => {
  it('validates first: a malformed claim throws, never becomes a verdict', () => {
    const malformed = { ...double, id: 'toy.malformed', variants: [], encoding: { defs: [], equations: [{ name: 'e', lhs: 'x', rhs: 'W' }] } };
    expect(() => expect(malformed).toHold()).toThrow(MalformedClaim);
    expect(() => expect(malformed).not.toHold()).toThrow(/claim toy\.malformed: equation e: rhs reads 'W'/);
    expect(() => expect(malformed).toBeInOrder()).toThrow(MalformedClaim);
  });

  it('refuses what is not a claim', () => {
    expect(() => expect({ id: 'x' }).toHold()).toThrow(/toHold expects a claim/);
    expect(() => expect(3).not.toBeInOrder()).toThrow(TypeError);
  });

  it('default to the CLI defaults', () => {
    const cliDefaults = parseVerify([], 1);
    const m = failure(() => expect(square).toHold());
    expect(m).toContain(`seed ${cliDefaults.seed} (the default`);
    expect(m).toContain(`digits ${cliDefaults.digits}`);
  });

  it('name a replay FILE only outside the built-in catalogue', () => {
    const builtIn = { ...square, file: fileURLToPath(new URL('../../derivations/toy.ts', import.meta.url)) };
    expect(failure(() => expect(builtIn).toHold())).toMatch(/replay: npx scalecheck verify --seed 42 --digits 40 --replay toy\.square:\d/);
    const { file: _, ...anonymous } = square;
    expect(failure(() => expect(anonymous).toHold())).toContain("npx scalecheck verify '<the module that exports toy.square>' --seed 42");
  });
});

describe('seeds', () => {
  it('take SCALECHECK_SEED when no seed option is given, and print where the seed came from', () => {
    vi.stubEnv('SCALECHECK_SEED', '77');
    const m = failure(() => expect(square).toHold());
    expect(m).toContain('seed 77 (SCALECHECK_SEED)');
    expect(m).toContain('--seed 77');
    expect(failure(() => expect(square).toHold({ seed: 8 }))).toContain('seed 8 (the seed option)');
  });

  it('take fast-check global seed next (the @fast-check/vitest convention)', () => {
    fc.configureGlobal({ seed: 1234 });
    expect(failure(() => expect(square).toHold())).toContain('seed 1234 (fc.configureGlobal)');
    vi.stubEnv('SCALECHECK_SEED', '5');
    expect(failure(() => expect(square).toHold())).toContain('seed 5 (SCALECHECK_SEED)');
  });

  it('draw the same cases as the runner with the same seed', () => {
    const m = failure(() => expect(square).toHold({ seed: 11, runs: 5 }));
    const r = check(square, undefined, { seed: 11, runs: 5, digits: 40 });
    expect(m).toContain(`--replay toy.square:${r.counterexample!.path}`);
  });

  it('refuse seeds, digits and runs the CLI would refuse', () => {
    vi.stubEnv('SCALECHECK_SEED', 'soon');
    expect(() => expect(double).toHold()).toThrow(/SCALECHECK_SEED must be an integer from 0 to 2147483647.*got soon/);
    expect(() => expect(double).toHold({ seed: -1 })).toThrow(/the seed option must be an integer/);
    expect(() => expect(double).toHold({ seed: 1, digits: 5 })).toThrow(/digits must be an integer from 10/);
    expect(() => expect(double).toHold({ seed: 1, runs: 0.5 })).toThrow(/runs must be an integer from 1/);
  });
});

describe('registration', () => {
  it('importing registers the matchers; setup() again is harmless', () => {
    setup();
    expect(Object.keys(claimMatchers).sort()).toEqual(['toBeInOrder', 'toHold', 'toRefute']);
    expect(doubleInOrder).toBeInOrder({ runs: 2 });
  });
});
