/**
 * Class 5: non-real intermediates. mathjs turns sqrt, log and fractional powers of a negative
 * BigNumber into a double-precision Complex (and asin/acos out of [-1, 1] into NaN): from there
 * on the evaluation is float64 at both working precisions. A false claim wrong by 1e-25..1e-30
 * must not be verified through it, and a true one must not be refuted by its 1e-16 rounding.
 */
import fc from 'fast-check';
import { entry, pow10, ratio, type CorpusEntry } from './helpers.js';

/** x = -p/q < 0 */
const negative = fc.record({ p: fc.integer({ min: 1, max: 999 }), q: fc.integer({ min: 3, max: 97 }) });
const negWithK = fc.record({ p: fc.integer({ min: 1, max: 999 }), q: fc.integer({ min: 3, max: 97 }), k: fc.integer({ min: 20, max: 30 }) });
const neg = (D: Parameters<typeof ratio>[0], p: number, q: number) => ratio(D, -p, q);

export const complexClaims: CorpusEntry[] = [
  entry(false, 5, '|sqrt(x (1 + 1e-30))| = |sqrt(x)| for x < 0 (the issue\'s reproduction)', {
    id: 'corpus.cplx.abs-sqrt-perturbed',
    statement: String.raw`|\sqrt{x(1 + 10^{-30})}| = |\sqrt x|,\ x < 0`,
    domain: negative,
    equations: [{ name: 'q', lhs: 'abs(sqrt(x * (1 + 1e-30)))', rhs: 'abs(sqrt(x))' }],
    scope: ({ p, q }, D) => ({ x: neg(D, p, q) }),
  }),
  entry(true, 5, '|sqrt(x)|^2 = -x for x < 0', {
    id: 'corpus.cplx.abs-sqrt-squared',
    statement: String.raw`|\sqrt x|^2 = -x,\ x < 0`,
    domain: negative,
    equations: [{ name: 'q', lhs: 'abs(sqrt(x))^2', rhs: '-x' }],
    scope: ({ p, q }, D) => ({ x: neg(D, p, q) }),
  }),
  entry(true, 5, '|sqrt(x)| = sqrt(-x) for x < 0', {
    id: 'corpus.cplx.abs-sqrt',
    statement: String.raw`|\sqrt x| = \sqrt{-x},\ x < 0`,
    domain: negative,
    equations: [{ name: 'q', lhs: 'abs(sqrt(x))', rhs: 'sqrt(-x)' }],
    scope: ({ p, q }, D) => ({ x: neg(D, p, q) }),
  }),
  entry(true, 5, 'sqrt(x)^2 = x for x < 0 (a Complex side against a real one)', {
    id: 'corpus.cplx.sqrt-squared',
    statement: String.raw`(\sqrt x)^2 = x,\ x < 0`,
    domain: negative,
    equations: [{ name: 'q', lhs: 'sqrt(x)^2', rhs: 'x' }],
    scope: ({ p, q }, D) => ({ x: neg(D, p, q) }),
  }),
  entry(false, 5, 'sqrt(x)^2 = x (1 + 1e-20..1e-30) for x < 0', {
    id: 'corpus.cplx.sqrt-squared-perturbed',
    statement: String.raw`(\sqrt x)^2 = x(1 + 10^{-k}),\ x < 0`,
    domain: negWithK,
    equations: [{ name: 'q', lhs: 'sqrt(x)^2', rhs: 'x * (1 + eps)' }],
    scope: ({ p, q, k }, D) => ({ x: neg(D, p, q), eps: pow10(D, -k) }),
  }),
  entry(false, 5, '|log(x)| = |log(x (1 + 1e-25))| for x < 0', {
    id: 'corpus.cplx.abs-log-perturbed',
    statement: String.raw`|\ln x| = |\ln(x(1 + 10^{-25}))|,\ x < 0`,
    domain: negative,
    equations: [{ name: 'q', lhs: 'abs(log(x))', rhs: 'abs(log(x * (1 + 1e-25)))' }],
    scope: ({ p, q }, D) => ({ x: neg(D, p, q) }),
  }),
  entry(true, 5, 're(log(x)) = log(-x) for x < 0', {
    id: 'corpus.cplx.re-log',
    statement: String.raw`\operatorname{Re} \ln x = \ln(-x),\ x < 0`,
    domain: negative,
    equations: [{ name: 'q', lhs: 're(log(x))', rhs: 'log(-x)' }],
    scope: ({ p, q }, D) => ({ x: neg(D, p, q) }),
  }),
  entry(false, 5, 're(log(x)) = log(-x) (1 + 1e-20..1e-30) for x < 0', {
    id: 'corpus.cplx.re-log-perturbed',
    statement: String.raw`\operatorname{Re} \ln x = (1 + 10^{-k}) \ln(-x),\ x < 0`,
    domain: negWithK,
    equations: [{ name: 'q', lhs: 're(log(x))', rhs: 'log(-x) * (1 + eps)' }],
    scope: ({ p, q, k }, D) => ({ x: neg(D, p, q), eps: pow10(D, -k) }),
  }),
  entry(true, 5, 'im(log(x)) = pi for x < 0', {
    id: 'corpus.cplx.im-log',
    statement: String.raw`\operatorname{Im} \ln x = \pi,\ x < 0`,
    domain: negative,
    equations: [{ name: 'q', lhs: 'im(log(x))', rhs: 'pi' }],
    scope: ({ p, q }, D) => ({ x: neg(D, p, q) }),
  }),
  entry(true, 5, 'exp(log(x)) = x for x < 0', {
    id: 'corpus.cplx.exp-log',
    statement: String.raw`e^{\ln x} = x,\ x < 0`,
    domain: negative,
    equations: [{ name: 'q', lhs: 'exp(log(x))', rhs: 'x' }],
    scope: ({ p, q }, D) => ({ x: neg(D, p, q) }),
  }),
  entry(false, 5, '|x^(1/3)| = |(x (1 + 1e-30))^(1/3)| for x < 0 (principal root: a float64 Complex)', {
    id: 'corpus.cplx.abs-cuberoot-perturbed',
    statement: String.raw`|x^{1/3}| = |(x(1 + 10^{-30}))^{1/3}|,\ x < 0`,
    domain: negative,
    equations: [{ name: 'q', lhs: 'abs(x^(1/3))', rhs: 'abs((x * (1 + 1e-30))^(1/3))' }],
    scope: ({ p, q }, D) => ({ x: neg(D, p, q) }),
  }),
  entry(true, 5, '(x^(1/3))^3 = x for x < 0 (principal root)', {
    id: 'corpus.cplx.cuberoot-cubed',
    statement: String.raw`(x^{1/3})^3 = x,\ x < 0`,
    domain: negative,
    equations: [{ name: 'q', lhs: '(x^(1/3))^3', rhs: 'x' }],
    scope: ({ p, q }, D) => ({ x: neg(D, p, q) }),
  }),
  entry(true, 5, 'nthRoot(x, 3)^3 = x for x < 0 (the real root stays a BigNumber: control)', {
    id: 'corpus.cplx.nthroot-cubed',
    statement: String.raw`(\sqrt[3]{x})^3 = x,\ x < 0`,
    domain: negative,
    equations: [{ name: 'q', lhs: 'nthRoot(x, 3)^3', rhs: 'x' }],
    scope: ({ p, q }, D) => ({ x: neg(D, p, q) }),
  }, { expect: ['verified'] }),
  entry(true, 5, 'sin(asin(x)) = x for x in (1, 2] (a complex asin; mathjs gives NaN)', {
    id: 'corpus.cplx.sin-asin',
    statement: String.raw`\sin(\arcsin x) = x,\ 1 < x \le 2`,
    domain: fc.integer({ min: 1, max: 100 }),
    equations: [{ name: 'q', lhs: 'sin(asin(x))', rhs: 'x' }],
    scope: (k, D) => ({ x: new D(1).plus(ratio(D, k, 100)) }),
  }),
  entry(false, 5, 'asin(x) = asin(x (1 + 1e-30)) for x in (1, 2] (asin(2) is NaN in mathjs)', {
    id: 'corpus.cplx.asin-perturbed',
    statement: String.raw`\arcsin x = \arcsin(x(1 + 10^{-30})),\ 1 < x \le 2`,
    domain: fc.integer({ min: 1, max: 100 }),
    equations: [{ name: 'q', lhs: 'asin(x)', rhs: 'asin(x * (1 + 1e-30))' }],
    scope: (k, D) => ({ x: new D(1).plus(ratio(D, k, 100)) }),
  }),
  entry(false, 5, 'acos(x) = acos(x (1 + 1e-30)) for x in (1, 2]', {
    id: 'corpus.cplx.acos-perturbed',
    statement: String.raw`\arccos x = \arccos(x(1 + 10^{-30})),\ 1 < x \le 2`,
    domain: fc.integer({ min: 1, max: 100 }),
    equations: [{ name: 'q', lhs: 'acos(x)', rhs: 'acos(x * (1 + 1e-30))' }],
    scope: (k, D) => ({ x: new D(1).plus(ratio(D, k, 100)) }),
  }),
  entry(false, 5, 'im(sqrt(x)) = sqrt(-x) (1 + 1e-20..1e-30) for x < 0', {
    id: 'corpus.cplx.im-sqrt-perturbed',
    statement: String.raw`\operatorname{Im}\sqrt x = (1 + 10^{-k})\sqrt{-x},\ x < 0`,
    domain: negWithK,
    equations: [{ name: 'q', lhs: 'im(sqrt(x))', rhs: 'sqrt(-x) * (1 + eps)' }],
    scope: ({ p, q, k }, D) => ({ x: neg(D, p, q), eps: pow10(D, -k) }),
  }),
];
