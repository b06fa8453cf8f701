/**
 * Class 3: 'proved' needs a symbolic proof of every equation; a proof of some of them leaves the
 * claim verified.
 * Class 6: the symbolic route (nerdamer) is trusted where it is wrong (conflicts on true
 * identities, a decimal constant read as a rational) or blind (branch-unaware reductions of
 * sqrt, powers and log on domains with negative inputs).
 */
import fc from 'fast-check';
import type { SymScope } from '../../../src/symbolic/symbolic.js';
import { entry, ratio, selfScope, type CorpusEntry } from './helpers.js';

const nonzero = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).filter((v) => v !== 0);
const rational = (lo: number, hi: number) => fc.record({ p: nonzero(lo, hi), q: fc.integer({ min: 2, max: 13 }) });
const pair = (lo: number, hi: number) => fc.record({ x: rational(lo, hi), y: rational(lo, hi) });
/** positive nearly always: a negative draw is one in 400 (none among the 8 cases of seed 42) */
const rarelyNegative = fc.oneof(
  { arbitrary: fc.integer({ min: -9, max: -1 }), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 999 }), weight: 400 },
);
const three = [
  { name: 'a', lhs: 'x + x', rhs: '2 * x' },
  { name: 'b', lhs: 'x^2 - 1', rhs: '(x - 1) * (x + 1)' },
  { name: 'c', lhs: '(x + 1)^2', rhs: 'x^2 + 2 * x + 1' },
];
const xOnly = rational(-99, 99);

export const symbolicClaims: CorpusEntry[] = [
  // class 3
  entry(true, 3, 'three provable equations, symbolic.equations lists one: verified, not proved', {
    id: 'corpus.sym.partial-one-of-three',
    statement: String.raw`2x = x + x,\ x^2 - 1 = (x-1)(x+1),\ (x+1)^2 = x^2 + 2x + 1`,
    domain: xOnly,
    equations: three,
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x'), equations: ['a'] },
  }, { expect: ['verified'] }),
  entry(true, 3, 'three provable equations, symbolic.equations lists two: verified, not proved', {
    id: 'corpus.sym.partial-two-of-three',
    statement: String.raw`2x = x + x,\ x^2 - 1 = (x-1)(x+1),\ (x+1)^2 = x^2 + 2x + 1`,
    domain: xOnly,
    equations: three,
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x'), equations: ['a', 'c'] },
  }, { expect: ['verified'] }),
  entry(true, 3, 'three equations, the list names all three: proved (control)', {
    id: 'corpus.sym.listed-all',
    statement: String.raw`2x = x + x,\ x^2 - 1 = (x-1)(x+1),\ (x+1)^2 = x^2 + 2x + 1`,
    domain: xOnly,
    equations: three,
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x'), equations: ['a', 'b', 'c'] },
  }, { expect: ['proved'] }),
  entry(true, 3, 'no list, one equation symbolically unsupported (sin, cos): verified, not proved', {
    id: 'corpus.sym.unsupported-one',
    statement: String.raw`2x = x + x,\ \sin^2 x + \cos^2 x = 1`,
    domain: xOnly,
    equations: [three[0]!, { name: 'trig', lhs: 'sin(x)^2 + cos(x)^2', rhs: '1' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }, { expect: ['verified'] }),
  entry(false, 3, 'three equations, the false one (factor 2) outside the symbolic list: refuted', {
    id: 'corpus.sym.partial-false-unlisted',
    statement: String.raw`2x = x + x,\ x^2 - 1 = 2(x-1)(x+1)`,
    domain: xOnly,
    equations: [three[0]!, { name: 'b', lhs: 'x^2 - 1', rhs: '2 * (x - 1) * (x + 1)' }, three[2]!],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x'), equations: ['a'] },
  }, { expect: ['refuted'] }),
  entry(true, 3, 'a definition bound symbolically in one scope and evaluated in the other; all equations decided (control)', {
    id: 'corpus.sym.two-scopes',
    statement: String.raw`y = x^2 \Rightarrow y - x^2 = 0,\ 2y = y + y`,
    domain: xOnly,
    defs: [['y', 'x * x']],
    equations: [{ name: 'a', lhs: 'y + y', rhs: '2 * y' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: (): SymScope[] => [{ x: 'x' }, { x: 'x', y: 'w' }] },
  }, { expect: ['proved'] }),

  // class 6: true identities the symbolic route must not contradict
  entry(true, 6, 'tanh(x) = (exp(2x) - 1)/(exp(2x) + 1) (came out conflict)', {
    id: 'corpus.sym.tanh-exp',
    statement: String.raw`\tanh x = \frac{e^{2x} - 1}{e^{2x} + 1}`,
    domain: rational(-30, 30),
    equations: [{ name: 'q', lhs: 'tanh(x)', rhs: '(exp(2 * x) - 1) / (exp(2 * x) + 1)' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }),
  entry(true, 6, 'tanh(x) = (exp(x) - exp(-x))/(exp(x) + exp(-x)) (nerdamer\'s expand rewrites it wrongly: conflict)', {
    id: 'corpus.sym.tanh-exp-symmetric',
    statement: String.raw`\tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}`,
    domain: rational(-30, 30),
    equations: [{ name: 'q', lhs: 'tanh(x)', rhs: '(exp(x) - exp(-x)) / (exp(x) + exp(-x))' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }),
  entry(true, 6, 'log(x, 10) = log(x)/log(10) (the symbolic log drops its base)', {
    id: 'corpus.sym.log-base',
    statement: String.raw`\log_{10} x = \frac{\ln x}{\ln 10}`,
    domain: rational(1, 999),
    equations: [{ name: 'q', lhs: 'log(x, 10)', rhs: 'log(x) / log(10)' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }),
  entry(true, 6, 'x 1152921504606846976 = x 2^60 (a 19-digit constant read as a double)', {
    id: 'corpus.sym.two-to-sixty',
    statement: String.raw`1152921504606846976\,x = 2^{60} x`,
    domain: xOnly,
    equations: [{ name: 'q', lhs: 'x * 1152921504606846976', rhs: 'x * 2^60' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }),
  entry(true, 6, 'x 2^100 = x 1267650600228229401496703205376 (a 31-digit constant)', {
    id: 'corpus.sym.two-to-hundred',
    statement: String.raw`2^{100} x = 1267650600228229401496703205376\,x`,
    domain: xOnly,
    equations: [{ name: 'q', lhs: 'x * 2^100', rhs: 'x * 1267650600228229401496703205376' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }),
  entry(true, 6, 'x/10 = 0.1 x and 0.1 x + 0.2 x = 0.3 x (short decimals are exact: proved)', {
    id: 'corpus.sym.short-decimals',
    statement: String.raw`x/10 = 0.1x,\ 0.1x + 0.2x = 0.3x`,
    domain: xOnly,
    equations: [
      { name: 'tenth', lhs: 'x / 10', rhs: 'x * 0.1' },
      { name: 'sum', lhs: 'x * 0.1 + x * 0.2', rhs: 'x * 0.3' },
    ],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }, { expect: ['proved'] }),
  entry(true, 6, '(x + 1)^2 = x^2 + 2x + 1 and (x - y)(x + y) = x^2 - y^2: proved (control)', {
    id: 'corpus.sym.polynomial',
    statement: String.raw`(x+1)^2 = x^2 + 2x + 1,\ (x-y)(x+y) = x^2 - y^2`,
    domain: pair(-99, 99),
    equations: [
      { name: 'square', lhs: '(x + 1)^2', rhs: 'x^2 + 2 * x + 1' },
      { name: 'diff', lhs: '(x - y) * (x + y)', rhs: 'x^2 - y^2' },
    ],
    scope: ({ x, y }, D) => ({ x: ratio(D, x.p, x.q), y: ratio(D, y.p, y.q) }),
    symbolic: { scopes: selfScope('x', 'y') },
  }, { expect: ['proved'] }),
  entry(true, 6, 'sqrt(x^2) = abs(x) for every real x', {
    id: 'corpus.sym.sqrt-square-abs',
    statement: String.raw`\sqrt{x^2} = |x|`,
    domain: xOnly,
    equations: [{ name: 'q', lhs: 'sqrt(x^2)', rhs: 'abs(x)' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }),
  entry(true, 6, 'exp(log(x)) = x and log(exp(y)) = y for x > 0, real y', {
    id: 'corpus.sym.exp-log',
    statement: String.raw`e^{\ln x} = x\ (x > 0),\ \ln e^{y} = y`,
    domain: fc.record({ x: rational(1, 999), y: rational(-99, 99) }),
    equations: [
      { name: 'explog', lhs: 'exp(log(x))', rhs: 'x' },
      { name: 'logexp', lhs: 'log(exp(y))', rhs: 'y' },
    ],
    scope: ({ x, y }, D) => ({ x: ratio(D, x.p, x.q), y: ratio(D, y.p, y.q) }),
    symbolic: { scopes: selfScope('x', 'y') },
  }),
  entry(true, 6, 'sqrt(x) sqrt(y) = sqrt(x y) for x, y > 0', {
    id: 'corpus.sym.sqrt-product-positive',
    statement: String.raw`\sqrt x \sqrt y = \sqrt{xy}\ (x, y > 0)`,
    domain: pair(1, 99),
    equations: [{ name: 'q', lhs: 'sqrt(x) * sqrt(y)', rhs: 'sqrt(x * y)' }],
    scope: ({ x, y }, D) => ({ x: ratio(D, x.p, x.q), y: ratio(D, y.p, y.q) }),
    symbolic: { scopes: selfScope('x', 'y') },
  }),
  entry(true, 6, '(x^a)^b = x^(a b) for x > 0', {
    id: 'corpus.sym.power-power-positive',
    statement: String.raw`(x^a)^b = x^{ab}\ (x > 0)`,
    domain: fc.record({ x: rational(1, 99), a: fc.constantFrom(2, 3, 4), b: fc.constantFrom(2, 3, 5) }),
    equations: [{ name: 'q', lhs: '(x^a)^b', rhs: 'x^(a * b)' }],
    scope: ({ x, a, b }, D) => ({ x: ratio(D, x.p, x.q), a: new D(a), b: new D(1).div(b) }),
    symbolic: { scopes: selfScope('x', 'a', 'b') },
  }),
  entry(true, 6, 'log(x^2)/2 = log(x) for x > 0', {
    id: 'corpus.sym.log-square-positive',
    statement: String.raw`\tfrac12 \ln x^2 = \ln x\ (x > 0)`,
    domain: rational(1, 999),
    equations: [{ name: 'q', lhs: 'log(x^2) / 2', rhs: 'log(x)' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }),

  // class 6: false claims the symbolic route must not prove
  entry(false, 6, 'x/3 = x 0.333... (90 threes): wrong by 3e-91 relative, was proved', {
    id: 'corpus.sym.third-90-digits',
    statement: String.raw`x/3 = 0.\underbrace{3\cdots3}_{90}\,x`,
    domain: xOnly,
    equations: [{ name: 'q', lhs: 'x / 3', rhs: `x * 0.${'3'.repeat(90)}` }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }, { belowFloor: true }),
  entry(false, 6, 'x/3 = x 0.3333333333333333 (16 threes): wrong by 1e-16', {
    id: 'corpus.sym.third-16-digits',
    statement: String.raw`x/3 = 0.\underbrace{3\cdots3}_{16}\,x`,
    domain: xOnly,
    equations: [{ name: 'q', lhs: 'x / 3', rhs: 'x * 0.3333333333333333' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }),
  entry(false, 6, 'x/7 = x 0.142857142857142857142857142857 (30 digits): wrong by 1e-30', {
    id: 'corpus.sym.seventh-30-digits',
    statement: String.raw`x/7 = 0.(142857)^{5}\,x`,
    domain: xOnly,
    equations: [{ name: 'q', lhs: 'x / 7', rhs: 'x * 0.142857142857142857142857142857' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }),
  entry(false, 6, 'x 1.0000000000000000001 = x (a constant 1 + 1e-19)', {
    id: 'corpus.sym.one-plus-tiny',
    statement: String.raw`(1 + 10^{-19})x = x`,
    domain: xOnly,
    equations: [{ name: 'q', lhs: 'x * 1.0000000000000000001', rhs: 'x' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }),
  entry(false, 6, 'x 2^100 = x 1267650600228229401496703205377 (off by one in the last of 31 digits)', {
    id: 'corpus.sym.two-to-hundred-plus-one',
    statement: String.raw`2^{100} x = 1267650600228229401496703205377\,x`,
    domain: xOnly,
    equations: [{ name: 'q', lhs: 'x * 2^100', rhs: 'x * 1267650600228229401496703205377' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }),
  entry(false, 6, 'sqrt(x) sqrt(y) = sqrt(x y) on a domain with negative x, y', {
    id: 'corpus.sym.sqrt-product-negative',
    statement: String.raw`\sqrt x \sqrt y = \sqrt{xy}\ (x, y \in [-9, 9])`,
    domain: pair(-9, 9),
    equations: [{ name: 'q', lhs: 'sqrt(x) * sqrt(y)', rhs: 'sqrt(x * y)' }],
    scope: ({ x, y }, D) => ({ x: ratio(D, x.p, x.q), y: ratio(D, y.p, y.q) }),
    symbolic: { scopes: selfScope('x', 'y') },
  }),
  entry(false, 6, '(x^a)^b = x^(a b) with a = 2, b = 1/2 on a domain with negative x', {
    id: 'corpus.sym.power-power-negative',
    statement: String.raw`(x^2)^{1/2} = x\ (x \in [-9, 9])`,
    domain: rational(-9, 9),
    equations: [{ name: 'q', lhs: '(x^a)^b', rhs: 'x^(a * b)' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q), a: new D(2), b: new D(0.5) }),
    symbolic: { scopes: selfScope('x', 'a', 'b') },
  }),
  entry(false, 6, 'log(x^2)/2 = log(x) on a domain with negative x', {
    id: 'corpus.sym.log-square-negative',
    statement: String.raw`\tfrac12 \ln x^2 = \ln x\ (x \in [-9, 9])`,
    domain: rational(-9, 9),
    equations: [{ name: 'q', lhs: 'log(x^2) / 2', rhs: 'log(x)' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }),
  entry(false, 6, 'sqrt(x) sqrt(y) = sqrt(x y) where negative draws are rare: numerics cannot see it, the symbolic route must not prove it', {
    id: 'corpus.sym.sqrt-product-rarely-negative',
    statement: String.raw`\sqrt x \sqrt y = \sqrt{xy}\ (x, y \in \{-9..-1\} \cup \{1..999\})`,
    domain: fc.record({ x: rarelyNegative, y: rarelyNegative }),
    equations: [{ name: 'q', lhs: 'sqrt(x) * sqrt(y)', rhs: 'sqrt(x * y)' }],
    scope: ({ x, y }, D) => ({ x: new D(x), y: new D(y) }),
    symbolic: { scopes: selfScope('x', 'y') },
  }, { rareCounterexample: true }),
  entry(false, 6, 'sqrt(x^2) = x where negative draws are rare', {
    id: 'corpus.sym.sqrt-square-rarely-negative',
    statement: String.raw`\sqrt{x^2} = x\ (x \in \{-9..-1\} \cup \{1..999\})`,
    domain: rarelyNegative,
    equations: [{ name: 'q', lhs: 'sqrt(x^2)', rhs: 'x' }],
    scope: (x, D) => ({ x: new D(x) }),
    symbolic: { scopes: selfScope('x') },
  }, { rareCounterexample: true }),
  entry(false, 6, 'log(x y) = log(x) + log(y) where negative draws are rare', {
    id: 'corpus.sym.log-product-rarely-negative',
    statement: String.raw`\ln xy = \ln x + \ln y\ (x, y \in \{-9..-1\} \cup \{1..999\})`,
    domain: fc.record({ x: rarelyNegative, y: rarelyNegative }),
    equations: [{ name: 'q', lhs: 'log(x * y)', rhs: 'log(x) + log(y)' }],
    scope: ({ x, y }, D) => ({ x: new D(x), y: new D(y) }),
    symbolic: { scopes: selfScope('x', 'y') },
  }, { rareCounterexample: true }),
  entry(false, 6, '(x^a)^b = x^(a b) with a = 2, b = 1/2 where negative draws are rare', {
    id: 'corpus.sym.power-power-rarely-negative',
    statement: String.raw`(x^2)^{1/2} = x\ (x \in \{-9..-1\} \cup \{1..999\})`,
    domain: rarelyNegative,
    equations: [{ name: 'q', lhs: '(x^a)^b', rhs: 'x^(a * b)' }],
    scope: (x, D) => ({ x: new D(x), a: new D(2), b: new D(0.5) }),
    symbolic: { scopes: selfScope('x', 'a', 'b') },
  }, { rareCounterexample: true }),
  entry(false, 6, '(x + 1)^2 = x^2 + x + 1 (control: refuted)', {
    id: 'corpus.sym.polynomial-wrong',
    statement: String.raw`(x+1)^2 = x^2 + x + 1`,
    domain: xOnly,
    equations: [{ name: 'q', lhs: '(x + 1)^2', rhs: 'x^2 + x + 1' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }, { expect: ['refuted'] }),
];
