/**
 * docs/encoding.md says what the encoding language is; this file holds it to the code.
 *
 * - ```encoding-example blocks: one expression a line, `expr => expected`, evaluated as a
 *   definition `d` of an encoding is (mathAt(digits), the scope of the ```encoding-scope block,
 *   then realEntries): the expected value, shape, boolean, or error must come out.
 * - ```symbolic-example blocks: `lhs = rhs => zero | nonzero | undecided (reason)`, decided
 *   as an equation of a symbolic proof is (evalSymbolic of (lhs) - (rhs), then decideZero).
 * - ```claim-example blocks: a small claim as JSON (encoding, drawn cases, variants, symbolic
 *   scopes) and what validateClaim, the runner or the mutation analysis must say of it.
 * - the ```ts block of section 1.1 is proofs-tests/docs/first-claim.ts, which is run.
 * - the primitives tables: every function scalecheck registers (or refuses) in the numeric
 *   evaluator, and every function the symbolic route knows, has a row; each row's symbolic
 *   column agrees with the symbolic route; each function named in a table is exercised by an
 *   example that agrees with its numeric column; every function of the mathjs instance is named
 *   somewhere in the doc.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { all, create, type MathJsInstance, type Matrix } from 'mathjs';
import { compile, mathAt, realEntries, REFUSED, toMath, type Scope, type Value } from '../../src/symbolic/numeric.js';
import { decideZero, evalSymbolic, Unsupported, type SymScope } from '../../src/symbolic/symbolic.js';
import { residuals } from '../../src/core/evaluate.js';
import { validateClaim } from '../../src/core/validate.js';
import { check, evaluateCase, mutationAnalysis } from '../../src/core/runner.js';
import type { Encoding, PrecisionClaim, Variant } from '../../src/core/claim.js';
import { gram } from './first-claim.js';

const DOC_URL = new URL('../../docs/encoding.md', import.meta.url);
const doc = readFileSync(DOC_URL, 'utf8');
const fixture = readFileSync(new URL('./first-claim.ts', import.meta.url), 'utf8');
const apiIndex = readFileSync(new URL('../../src/api/index.ts', import.meta.url), 'utf8');

interface Block {
  tag: string;
  body: string;
  /** line of the doc where the body starts (1-based) */
  line: number;
}

function blocks(tag?: string): Block[] {
  const out: Block[] = [];
  const lines = doc.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```([\w-]*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j]!)) j++;
    out.push({ tag: open[1]!, body: lines.slice(i + 1, j).join('\n'), line: i + 2 });
    i = j;
  }
  return tag === undefined ? out : out.filter((b) => b.tag === tag);
}

/** JSON values of scopes: decimal strings, vectors and matrices of them. */
type JsonValue = string | number | JsonValue[];
const toDecimal = (x: JsonValue): Value => (Array.isArray(x) ? (x.map(toDecimal) as Value) : new Decimal(x)) as Value;
const toScope = (o: Record<string, JsonValue>): Scope => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toDecimal(v)]));

const single = (tag: string): Block => {
  const bs = blocks(tag);
  expect(bs, `exactly one \`\`\`${tag} block`).toHaveLength(1);
  return bs[0]!;
};
const defaultScope = (): Record<string, JsonValue> => JSON.parse(single('encoding-scope').body) as Record<string, JsonValue>;
const defaultSymScope = (): SymScope => JSON.parse(single('symbolic-scope').body) as SymScope;

// ---------------------------------------------------------------------------------------------
// expected values of encoding examples

/** `~1.414` : the value rounds to what is written (within half a unit of its last digit). */
function tolerance(text: string): Decimal {
  const m = /^-?\d+(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m) throw new Error(`not a decimal: ${text}`);
  const decimals = (m[1]?.length ?? 0) - Number(m[2] ?? 0);
  return new Decimal(10).pow(-decimals).div(2);
}

type Expected =
  | { kind: 'error'; text: string }
  | { kind: 'function' }
  | { kind: 'value'; approx: boolean; value: unknown };

function parseExpected(text: string): Expected {
  const t = text.trim();
  if (t.startsWith('error:')) return { kind: 'error', text: t.slice('error:'.length).trim() };
  if (t === 'function') return { kind: 'function' };
  const approx = t.startsWith('~');
  const body = approx ? t.slice(1).trim() : t;
  // numbers as strings, so that no digit is lost to a double
  const value = JSON.parse(body.replace(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi, (n) => `"${n}"`)) as unknown;
  return { kind: 'value', approx, value };
}

const shapeOf = (v: unknown): number[] => (Array.isArray(v) ? [v.length, ...(v.length > 0 ? shapeOf(v[0]) : [])] : []);
const flat = (v: unknown): unknown[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);

function raw(math: MathJsInstance, x: unknown): unknown {
  if (typeof x === 'object' && x !== null && 'toArray' in x) return (x as Matrix).toArray();
  return x;
}

/** Compare one evaluation with what the doc says; returns a complaint or undefined. */
function compare(math: MathJsInstance, got: unknown, expected: Expected, digits: number): string | undefined {
  if (expected.kind === 'function') return typeof got === 'function' ? undefined : `expected a function, got ${math.format(got as never)}`;
  if (expected.kind === 'error') return `expected an error (${expected.text}), got ${math.format(got as never, { precision: 30 })}`;
  const want = expected.value;
  const wantFlat = flat(want);
  if (wantFlat.every((w) => typeof w === 'boolean')) {
    const g = raw(math, got);
    if (JSON.stringify(shapeOf(g)) !== JSON.stringify(shapeOf(want))) return `shape ${JSON.stringify(shapeOf(g))}, expected ${JSON.stringify(shapeOf(want))}`;
    return JSON.stringify(flat(g)) === JSON.stringify(wantFlat) ? undefined : `got ${JSON.stringify(g)}, expected ${JSON.stringify(want)}`;
  }
  const r = realEntries(math, got, 'definition d');
  if (JSON.stringify(r.shape) !== JSON.stringify(shapeOf(want))) return `shape [${r.shape.join(', ')}], expected [${shapeOf(want).join(', ')}] (got ${math.format(got as never, { precision: 12 })})`;
  for (let i = 0; i < wantFlat.length; i++) {
    const w = String(wantFlat[i]);
    const g = r.entries[i]!;
    const tol = expected.approx ? tolerance(w) : Decimal.max(1, new Decimal(w).abs()).times(new Decimal(10).pow(-digits));
    if (g.minus(w).abs().gt(tol)) return `entry ${i}: got ${g.toSignificantDigits(digits).toString()}, expected ${expected.approx ? '~' : ''}${w}`;
  }
  return undefined;
}

interface ExampleLine {
  block: Block;
  line: number;
  expr: string;
  expected: Expected;
  scope: Record<string, JsonValue>;
  digits: number;
}

function encodingExamples(): ExampleLine[] {
  const base = defaultScope();
  const out: ExampleLine[] = [];
  for (const b of blocks('encoding-example')) {
    let scope = { ...base };
    let digits = 20;
    b.body.split('\n').forEach((text, k) => {
      const t = text.trim();
      if (t === '' || t.startsWith('#')) return;
      const set = /^(scope|digits):\s*(.*)$/.exec(t);
      if (set) {
        if (set[1] === 'digits') digits = Number(set[2]);
        else scope = { ...scope, ...(JSON.parse(set[2]!) as Record<string, JsonValue>) };
        return;
      }
      const at = t.lastIndexOf(' => ');
      if (at < 0) throw new Error(`docs/encoding.md:${b.line + k}: no ' => ' in '${t}'`);
      out.push({ block: b, line: b.line + k, expr: t.slice(0, at).trim(), expected: parseExpected(t.slice(at + 4)), scope, digits });
    });
  }
  return out;
}

/** Evaluate one example line as a definition `d` of an encoding: a complaint, or undefined. */
function runExample(ex: ExampleLine): string | undefined {
  const math = mathAt(ex.digits);
  const s: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(toScope(ex.scope))) s[k] = toMath(math, v);
  let got: unknown;
  try {
    got = compile(math, ex.expr).evaluate(s);
    if (ex.expected.kind === 'error' && typeof got !== 'function') realEntries(math, got, 'definition d');
  } catch (e) {
    const message = `${e instanceof Error ? e.constructor.name : 'Error'}: ${e instanceof Error ? e.message : String(e)}`;
    if (ex.expected.kind !== 'error') return `threw ${message}`;
    return message.includes(ex.expected.text) ? undefined : `threw '${message}', expected '${ex.expected.text}'`;
  }
  try {
    return compare(math, got, ex.expected, ex.digits);
  } catch (e) {
    return `threw ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// symbolic examples

interface SymbolicLine {
  line: number;
  text: string;
  decision: string;
  reason?: string;
  scope: SymScope;
  positive: string[];
}

function symbolicExamples(): SymbolicLine[] {
  const base = defaultSymScope();
  const out: SymbolicLine[] = [];
  for (const b of blocks('symbolic-example')) {
    let scope = { ...base };
    let positive: string[] = [];
    b.body.split('\n').forEach((text, k) => {
      const t = text.trim();
      if (t === '' || t.startsWith('#')) return;
      const set = /^(scope|positive):\s*(.*)$/.exec(t);
      if (set) {
        if (set[1] === 'positive') positive = JSON.parse(set[2]!) as string[];
        else scope = { ...scope, ...(JSON.parse(set[2]!) as SymScope) };
        return;
      }
      const m = /^(.*) => (zero|nonzero|undecided)(?: \((.*)\))?$/.exec(t);
      if (!m) throw new Error(`docs/encoding.md:${b.line + k}: not 'expr => zero | nonzero | undecided (reason)': '${t}'`);
      out.push({ line: b.line + k, text: m[1]!.trim(), decision: m[2]!, ...(m[3] !== undefined ? { reason: m[3] } : {}), scope, positive });
    });
  }
  return out;
}

function decide(ex: SymbolicLine): { decision: string; reason?: string } {
  const sides = ex.text.split(' = ');
  if (sides.length > 2) throw new Error(`docs/encoding.md:${ex.line}: more than one ' = '`);
  const expr = sides.length === 2 ? `(${sides[0]}) - (${sides[1]})` : ex.text;
  try {
    return { decision: decideZero(evalSymbolic(expr, ex.scope), { positive: ex.positive }) };
  } catch (e) {
    // as the symbolic proof does: anything it cannot evaluate is undecided
    return { decision: 'undecided', reason: e instanceof Error ? e.message : String(e) };
  }
}

// ---------------------------------------------------------------------------------------------
// claim examples

interface ClaimExample {
  id?: string;
  kind?: 'identity' | 'limit' | 'assumption';
  encoding: Encoding;
  /** the drawn cases: case k is drawn as the integer k */
  cases?: Record<string, JsonValue>[];
  /** the instance throws this message on every case */
  instanceThrows?: string;
  /** the instance calls every case degenerate, for this reason */
  instanceDegenerate?: string;
  tolerance?: number;
  variants?: Variant[];
  symbolic?: { scopes: SymScope[]; equations?: string[]; positive?: string[] };
  structure?: SymScope[];
  digits?: number;
  runs?: number;
  expect: {
    valid?: boolean;
    malformed?: string;
    verdict?: string;
    symbolic?: string;
    variants?: Record<string, string>;
    case?: { outcome: string; note?: string };
    residuals?: Record<string, { residual?: string; scale?: string; degenerate?: string }>;
    mutants?: { site: string; mutation: string; status: string; how?: string }[];
  };
}

function claimOf(x: ClaimExample): PrecisionClaim<number> {
  const cases = x.cases ?? [{}];
  return {
    id: x.id ?? 'doc.example',
    group: 'doc',
    kind: x.kind ?? 'identity',
    source: 'docs/encoding.md',
    statement: '-',
    domain: fc.integer({ min: 0, max: cases.length - 1 }),
    encoding: x.encoding,
    instance: (k: number) => {
      if (x.instanceThrows !== undefined) throw new Error(x.instanceThrows);
      if (x.instanceDegenerate !== undefined) return { scope: {}, degenerate: x.instanceDegenerate };
      return { scope: toScope(cases[k]!) };
    },
    ...(x.tolerance !== undefined ? { tolerance: x.tolerance } : {}),
    ...(x.symbolic ? { symbolic: { scopes: () => x.symbolic!.scopes, ...(x.symbolic.equations ? { equations: x.symbolic.equations } : {}), ...(x.symbolic.positive ? { positive: x.symbolic.positive } : {}) } } : {}),
    ...(x.structure ? { structure: () => x.structure! } : {}),
    variants: x.variants ?? [],
  };
}

function checkClaimExample(x: ClaimExample): void {
  const claim = claimOf(x);
  const digits = x.digits ?? 20;
  const opts = { seed: 1, digits };
  const e = x.expect;
  if (e.malformed !== undefined) {
    expect(() => validateClaim(claim, opts)).toThrow(e.malformed);
    let message = '';
    try {
      validateClaim(claim, opts);
    } catch (err) {
      message = err instanceof Error ? err.message : String(err);
    }
    expect(message).toBe(e.malformed);
  }
  if (e.valid) expect(() => validateClaim(claim, opts)).not.toThrow();
  if (e.residuals) {
    const rs = residuals(x.encoding, toScope((x.cases ?? [{}])[0]!), digits);
    for (const [name, want] of Object.entries(e.residuals)) {
      const r = rs.find((q) => q.equation === name);
      expect(r, `equation ${name}`).toBeDefined();
      for (const key of ['residual', 'scale'] as const) {
        const w = want[key];
        if (w === undefined) continue;
        const approx = w.startsWith('~');
        const v = approx ? w.slice(1) : w;
        const tol = approx ? tolerance(v) : new Decimal(10).pow(-digits);
        expect(r![key].minus(v).abs().lte(tol), `${name}.${key} = ${r![key].toString()}, the doc says ${w}`).toBe(true);
      }
      if (want.degenerate !== undefined) expect(r!.degenerate).toBe(want.degenerate);
      else expect(r!.degenerate).toBeUndefined();
    }
  }
  if (e.case) {
    const c = evaluateCase(claim, claim.encoding, {}, 0, digits);
    expect(c.outcome).toBe(e.case.outcome);
    if (e.case.note !== undefined) expect(c.note).toBe(e.case.note);
  }
  if (e.verdict !== undefined || e.symbolic !== undefined) {
    const r = check(claim, undefined, { ...opts, runs: x.runs ?? 5 });
    if (e.verdict !== undefined) expect(r.verdict).toBe(e.verdict);
    if (e.symbolic !== undefined) expect(r.symbolic).toBe(e.symbolic);
  }
  for (const [name, verdict] of Object.entries(e.variants ?? {})) {
    const v = claim.variants.find((w) => w.name === name);
    expect(v, `variant ${name}`).toBeDefined();
    expect(check(claim, v, { ...opts, runs: x.runs ?? 5 }).verdict).toBe(verdict);
  }
  if (e.mutants) {
    const ms = mutationAnalysis(claim, { ...opts, runs: x.runs ?? 5 });
    for (const want of e.mutants) {
      const m = ms.find((y) => y.site === want.site && y.mutation.startsWith(want.mutation));
      expect(m, `mutant ${want.site}: ${want.mutation} among ${JSON.stringify(ms.map((y) => `${y.site}: ${y.mutation}`))}`).toBeDefined();
      expect(m!.status).toBe(want.status);
      if (want.how !== undefined) expect(m!.how).toBe(want.how);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// the primitives tables

interface Row {
  names: string[];
  numeric: string;
  symbolic: string;
  line: number;
}

const NUMERIC = ['yes', 'scalecheck', 'approx', 'error', 'refused'];
const SYMBOLIC = ['structural', 'nerdamer', 'opaque', 'undecided'];

/** Rows of every table headed `| function | meaning | numeric | symbolic | notes |`. */
function functionRows(): Row[] {
  const lines = doc.split('\n');
  const rows: Row[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\|\s*function\s*\|\s*meaning\s*\|\s*numeric\s*\|\s*symbolic\s*\|\s*notes\s*\|/.test(lines[i]!)) continue;
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j++) {
      const cells = lines[j]!.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
      const names = [...cells[0]!.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
      rows.push({ names, numeric: cells[2]!.split(/[\s,(]/)[0]!, symbolic: cells[3]!.split(/[\s,(]/)[0]!, line: j + 1 });
    }
  }
  return rows;
}

/** Whether the symbolic route evaluates calls of this function (some arity). */
function symbolicKnows(name: string): boolean {
  // (and, or, not, mod, ... are operators: parsed as such, never a call of the function)
  try {
    const node = mathAt(20).parse(`${name}(x)`) as unknown as { type: string; fn?: { name?: string } };
    if (node.type !== 'FunctionNode' || node.fn?.name !== name) return false;
  } catch {
    return false;
  }
  for (const args of ['x', 'x, y', 'v', 'A', 'A, A']) {
    try {
      evalSymbolic(`${name}(${args})`, { x: 'x', y: 'y', v: ['v1', 'v2'], A: [['a', 'b'], ['c', 'd']] });
      return true;
    } catch (e) {
      if (e instanceof Unsupported && e.message === `function ${name}`) return false;
    }
  }
  return true;
}

/** The functions scalecheck puts into (or takes out of) mathjs: new names, and built-ins it replaces. */
function registered(): string[] {
  const ours = mathAt(20) as unknown as Record<string, unknown>;
  const stock = create(all as NonNullable<typeof all>, { number: 'BigNumber' }) as unknown as Record<string, unknown>;
  const typed = (f: unknown): boolean => typeof f === 'function' && 'signatures' in (f as object);
  return Object.keys(ours).filter((k) => typeof ours[k] === 'function' && (typeof stock[k] !== 'function' || (typed(stock[k]) && !typed(ours[k]))));
}

// =============================================================================================

describe('docs/encoding.md', () => {
  it('has examples of every kind', () => {
    expect(encodingExamples().length).toBeGreaterThan(100);
    expect(symbolicExamples().length).toBeGreaterThan(20);
    expect(blocks('claim-example').length).toBeGreaterThan(15);
    expect(blocks().filter((b) => b.tag === '')).toEqual([]);
  });

  it('evaluates every encoding example as it says', () => {
    const wrong: string[] = [];
    for (const ex of encodingExamples()) {
      const complaint = runExample(ex);
      if (complaint) wrong.push(`docs/encoding.md:${ex.line}: ${ex.expr}: ${complaint}`);
    }
    expect(wrong).toEqual([]);
  });

  it('decides every symbolic example as it says', () => {
    const wrong: string[] = [];
    for (const ex of symbolicExamples()) {
      const d = decide(ex);
      if (d.decision !== ex.decision) wrong.push(`docs/encoding.md:${ex.line}: ${ex.text}: ${d.decision}${d.reason ? ` (${d.reason})` : ''}, the doc says ${ex.decision}`);
      else if (ex.reason !== undefined && d.reason !== ex.reason) wrong.push(`docs/encoding.md:${ex.line}: ${ex.text}: reason '${d.reason ?? ''}', the doc says '${ex.reason}'`);
    }
    expect(wrong).toEqual([]);
  });

  describe('claim examples', () => {
    for (const b of blocks('claim-example')) {
      const x = JSON.parse(b.body) as ClaimExample;
      it(`docs/encoding.md:${b.line}: ${JSON.stringify(x.expect)}`, () => checkClaimExample(x));
    }
  });

  it('shows the first claim as proofs-tests/docs/first-claim.ts, and it is proved', () => {
    const shown = blocks('ts').find((b) => b.body.includes("id: 'doc.gram'"));
    expect(shown, 'the ```ts block of the first claim').toBeDefined();
    const body = (text: string): string[] => text.split('\n').filter((l) => !l.startsWith('import ') && !l.startsWith('//')).join('\n').trim().split('\n');
    expect(body(shown!.body)).toEqual(body(fixture));
    // its imports are what the package exports
    const imports = shown!.body.split('\n').filter((l) => l.startsWith('import '));
    const fromPackage = imports.find((l) => l.endsWith("from 'scalecheck';"));
    expect(fromPackage).toBeDefined();
    for (const name of /\{([^}]*)\}/.exec(fromPackage!)![1]!.split(',').map((n) => n.trim())) expect(apiIndex).toMatch(new RegExp(`export \\{[^}]*\\b${name}\\b[^}]*\\}`));
    expect(() => validateClaim(gram, { seed: 42, digits: 20 })).not.toThrow();
    const r = check(gram, undefined, { seed: 42, digits: 20, runs: 10 });
    expect(r.verdict).toBe('proved');
    for (const v of gram.variants) expect(check(gram, v, { seed: 42, digits: 20, runs: 10 }).verdict).toBe('refuted');
  });

  describe('primitives tables', () => {
    const rows = functionRows();
    const named = new Map<string, Row>();
    for (const r of rows) for (const n of r.names) named.set(n, r);

    it('use the vocabulary of the legend', () => {
      expect(rows.length).toBeGreaterThan(40);
      const bad = rows.filter((r) => r.names.length === 0 || !NUMERIC.includes(r.numeric) || !SYMBOLIC.includes(r.symbolic));
      expect(bad.map((r) => `docs/encoding.md:${r.line}: ${JSON.stringify(r)}`)).toEqual([]);
    });

    it('have a row for every function scalecheck registers, refuses, or evaluates symbolically', () => {
      const ours = registered();
      // (the comparison with a stock mathjs finds them: the test fails if it finds none)
      expect(ours).toEqual(expect.arrayContaining(['pairdiff', 'offdiv', 'eigs']));
      const symbolic = Object.keys(mathAt(20)).filter((k) => typeof (mathAt(20) as unknown as Record<string, unknown>)[k] === 'function' && symbolicKnows(k));
      expect(symbolic).toEqual(expect.arrayContaining(['transpose', 'sum', 'exp']));
      const missing = [...new Set([...ours, ...Object.keys(REFUSED), ...symbolic])].filter((n) => !named.has(n));
      expect(missing).toEqual([]);
      // and the numeric column says whose they are
      for (const n of ours) expect(['scalecheck', 'refused'], `${n}: numeric column`).toContain(named.get(n)!.numeric);
      for (const n of Object.keys(REFUSED)) expect(named.get(n)!.numeric, `${n}: numeric column`).toBe('refused');
      for (const r of rows) if (r.numeric === 'scalecheck') for (const n of r.names) expect(ours, `${n} is marked scalecheck's`).toContain(n);
    });

    it('say truly whether the symbolic route evaluates each function', () => {
      const wrong = rows.flatMap((r) => r.names.filter((n) => (r.symbolic === 'undecided') === symbolicKnows(n)).map((n) => `docs/encoding.md:${r.line}: ${n}: the symbolic route ${symbolicKnows(n) ? 'evaluates it' : 'does not evaluate it'}, the row says ${r.symbolic}`));
      expect(wrong).toEqual([]);
    });

    it('are backed by examples: every function named is called in one, as its numeric column says', () => {
      const examples = encodingExamples();
      const wrong: string[] = [];
      for (const r of rows)
        for (const n of r.names) {
          const calls = examples.filter((ex) => new RegExp(`(^|[^A-Za-z0-9_.])${n}\\s*\\(`).test(ex.expr));
          const values = calls.filter((ex) => ex.expected.kind === 'value');
          const errors = calls.filter((ex) => ex.expected.kind === 'error');
          if (calls.length === 0) wrong.push(`${n}: no example calls it`);
          else if (['yes', 'scalecheck', 'approx'].includes(r.numeric) && values.length === 0) wrong.push(`${n}: numeric '${r.numeric}' but no example gives a value`);
          else if (['error', 'refused'].includes(r.numeric) && errors.length === 0) wrong.push(`${n}: numeric '${r.numeric}' but no example fails`);
          else if (r.numeric === 'refused' && !errors.some((ex) => ex.expected.kind === 'error' && ex.expected.text.startsWith('MalformedEncoding'))) wrong.push(`${n}: refused, but no example shows the refusal`);
        }
      expect(wrong).toEqual([]);
    });

    it('leave no function of the mathjs instance unnamed in the doc', () => {
      const math = mathAt(20) as unknown as Record<string, unknown>;
      // as `name` or as a call `name(...)`
      const missing = Object.keys(math).filter((k) => typeof math[k] === 'function' && !doc.includes(`\`${k}\``) && !doc.includes(`\`${k}(`));
      expect(missing).toEqual([]);
    });
  });
});
