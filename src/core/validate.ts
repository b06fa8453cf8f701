import fc from 'fast-check';
import type { MathNode } from 'mathjs';
import { applyVariant, floorFor, instanceAt, type Claim, type Encoding, type Floor } from './claim.js';
import { residuals } from './evaluate.js';
import { MalformedEncoding, mathAt, MAX_WORKING_DIGITS, REFUSED, type Scope } from '../symbolic/numeric.js';

/** A writing mistake in a claim (bad input, exit 2), never a mathematical verdict. */
export class MalformedClaim extends Error {}

// named constants an encoding may read besides its scope and definitions (never i: complex)
const CONSTANTS = new Set(['pi', 'PI', 'e', 'E', 'tau', 'phi', 'LN2', 'LN10', 'LOG2E', 'LOG10E', 'SQRT2', 'SQRT1_2', 'true', 'false']);

/** Drawn cases tried for one that is not degenerate, to learn the names the instance binds. */
const PREFLIGHT_CASES = 5;

/**
 * Check a claim's text before any case is run: every expression parses and reads only names it
 * can see (the instance's scope, earlier definitions, named constants: an undefined `W` would
 * otherwise be read by mathjs as the unit watt), every function exists, names are unique, the
 * symbolic proof and the variants name equations and definitions that exist, and the sides of
 * each equation have one shape on a drawn case. Throws MalformedClaim `claim ID: what is wrong`.
 */
export function validateClaim<P>(claim: Claim<P>, opts: { seed: number; digits: number }): void {
  // JavaScript callers can pass anything: a value that is no object has no id to name
  if (!isObject(claim)) throw new MalformedClaim(`a claim is an object (made by defineClaim), got ${claim === null ? 'null' : typeof claim}`);
  const bad = (what: string): never => {
    throw new MalformedClaim(`claim ${claim.id}: ${what}`);
  };
  try {
    checkShape(claim, bad);
  } catch (e) {
    // a getter on the claim's own fields that throws is the claim's fault, not the engine's
    if (e instanceof MalformedClaim) throw e;
    bad(`reading its fields threw: ${e instanceof Error ? e.message : String(e)}`);
  }
  const enc = claim.encoding;
  unique(enc.defs.map(([n]) => n), 'definition', bad);
  unique(enc.equations.map((q) => q.name), 'equation', bad);
  unique(claim.variants.map((v) => v.name), 'variant', bad);
  const sym = claim.symbolic;
  if (sym?.equations) {
    if (sym.equations.length === 0) bad('symbolic.equations is empty (a proof of no equation proves nothing; omit it to cover all)');
    for (const n of sym.equations) if (!enc.equations.some((q) => q.name === n)) bad(`symbolic.equations names '${n}', which is not an equation (${enc.equations.map((q) => q.name).join(', ')})`);
  }
  const encodings: [string, Encoding][] = [['', enc]];
  for (const v of claim.variants) {
    try {
      encodings.push([`variant '${v.name}': `, applyVariant(enc, v)]);
    } catch (e) {
      bad(e instanceof Error ? e.message : String(e));
    }
  }
  const parsed = encodings.map(([where, e]) => [where, e, parseAll(e, where, bad)] as const);
  const scope = preflightScope(claim, opts, bad);
  if (!scope) return;
  const level = claim.ranges ? (claim.ranges.digits ?? 30) : opts.digits;
  for (const [where, e, trees] of parsed) {
    readsOnlyKnownNames(e, trees, new Set(Object.keys(scope)), where, bad);
    try {
      residuals(e, scope, level);
    } catch (err) {
      // a non-real value is mathematics (reported per case); shapes that cannot be compared, sizes
      // that cannot be multiplied and arguments a function does not take are not
      if (err instanceof MalformedEncoding) bad(`${where}${err.message}`);
      if (structural(err)) bad(`${where}the first drawn case cannot be evaluated: ${err.message}`);
    }
  }
}

const KINDS = new Set(['identity', 'limit', 'scaling', 'assumption']);
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isString = (x: unknown): x is string => typeof x === 'string';

/**
 * What TypeScript would have said, for claims written in JavaScript or built at run time: the
 * fields the engine reads have their types, and the settings their ranges (a scaling claim
 * with fewer than three levels can decide nothing; a negative floor or a fractional case count
 * means nothing).
 */
function checkShape(claim: Claim<unknown>, bad: (w: string) => never): void {
  const c = claim as unknown as Record<string, unknown>;
  if (!isString(c.id) || !/^[a-z][\w.-]*$/.test(c.id)) bad(`its id must start with a lower-case letter and hold only letters, digits, '.', '_' and '-' (replay commands name it)`);
  if (!isString(c.kind) || !KINDS.has(c.kind)) bad(`kind must be one of ${[...KINDS].join(', ')}, got ${JSON.stringify(c.kind)}`);
  if (!isObject(c.domain) || typeof c.domain.generate !== 'function') bad('domain must be a fast-check arbitrary');
  const enc = c.encoding;
  if (!isObject(enc) || !Array.isArray(enc.defs) || !Array.isArray(enc.equations)) bad(`encoding needs 'defs' and 'equations' arrays`);
  const { defs, equations } = enc as { defs: unknown[]; equations: unknown[] };
  if (defs.some((d) => !Array.isArray(d) || d.length !== 2 || !isString(d[0]) || !isString(d[1]))) bad('each definition is a [name, expression] pair of strings');
  if (equations.length === 0) bad('the encoding has no equation: it states nothing');
  if (equations.some((q) => !isObject(q) || !isString(q.name) || q.name === '' || !isString(q.lhs) || !isString(q.rhs) || (q.scale !== undefined && !isString(q.scale)))) bad('each equation has a string name (not empty), lhs and rhs (and scale, if any)');
  if (!Array.isArray(c.variants) || c.variants.some((v) => !isObject(v) || !isString(v.name) || v.name === '')) bad('variants must be an array of objects, each with a name');
  if (c.runs !== undefined && (!Number.isInteger(c.runs) || (c.runs as number) < 1 || (c.runs as number) > 100_000)) bad(`runs must be an integer from 1 to 100000, got ${String(c.runs)}`);
  const ranged = c.ranges !== undefined;
  if (typeof (ranged ? c.measure : c.instance) !== 'function' || (c.instance !== undefined && c.measure !== undefined))
    bad(ranged ? `a claim with ranges has 'measure' (and no 'instance')` : `a claim without ranges has 'instance' (and no 'measure')`);
  if (c.kind === 'scaling' && !ranged) bad('a scaling claim is measured over ranges: it needs ranges and measure');
  if (!ranged && c.tolerance !== undefined && !(typeof c.tolerance === 'number' && c.tolerance > 0 && c.tolerance <= 1)) bad(`tolerance is a fraction of the working digits, in (0, 1]; got ${String(c.tolerance)}`);
  if (ranged) {
    const r = c.ranges;
    if (!isObject(r)) return bad('ranges must be an object');
    const levels = (where: string, x: unknown): void => {
      if (!Array.isArray(x) || x.length < 3 || x.some((l) => typeof l !== 'number' || !Number.isFinite(l)) || x.some((l, i) => i > 0 && (l as number) <= (x[i - 1] as number)))
        bad(`${where} must be at least three finite numbers, increasing (the range rule extrapolates over them)`);
    };
    const names = equationNames(c);
    const floor = (where: string, f: unknown): void => {
      if (f === undefined) return;
      const shape = `${where} must be { value, why }: a finite value >= 0 (or one per equation name) and the reason the measurement cannot do better`;
      if (!isObject(f) || !isString(f.why) || f.why.trim() === '') return bad(shape);
      const v = f.value;
      if (isObject(v) && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype) {
        // plain data only: a hidden (non-enumerable) or computed entry would be applied unprinted, or read differently by the run
        const own = Object.getOwnPropertyDescriptors(v);
        if (Object.values(own).some((d) => !('value' in d) || d.enumerable !== true)) return bad(`${where}.value must be plain data: enumerable entries, no getters`);
        const unknown = Object.keys(v).filter((k) => !names.includes(k));
        if (unknown.length) bad(`${where}.value: no equation named ${unknown.join(', ')}`);
        if (Object.keys(v).length === 0 || Object.values(v).some((x) => !nonNegative(x))) bad(shape);
      } else if (!nonNegative(v)) bad(shape);
    };
    levels('ranges.levels', r.levels);
    floor('ranges.floor', r.floor);
    if (r.deep !== undefined) {
      if (!isObject(r.deep)) bad('ranges.deep must be an object');
      levels('ranges.deep.levels', (r.deep as Record<string, unknown>).levels);
      floor('ranges.deep.floor', (r.deep as Record<string, unknown>).floor);
    }
    target(r, names, bad);
    if (r.digits !== undefined && (!Number.isInteger(r.digits) || (r.digits as number) < 10 || (r.digits as number) > MAX_WORKING_DIGITS)) bad(`ranges.digits must be an integer from 10 to ${MAX_WORKING_DIGITS}`);
  }
}

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;
const nonNegative = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

function equationNames(c: Record<string, unknown>): string[] {
  const eqs = isObject(c.encoding) && Array.isArray(c.encoding.equations) ? c.encoding.equations : [];
  return eqs.map((q: unknown) => (isObject(q) && isString(q.name) ? q.name : '')).filter((n) => n !== '');
}

/**
 * ranges.target: a positive number, or one per equation for every equation; and no floor may
 * put the resolution (twice the floor at least) above it, or nothing could ever hold.
 */
function target(r: Record<string, unknown>, equations: string[], bad: (m: string) => void): void {
  const t = r.target;
  const what = "ranges.target (the resolution the claim asserts) must be a positive number, or one per equation name";
  let targetOf: (equation: string) => number;
  if (positive(t)) targetOf = () => t;
  else if (isObject(t)) {
    if (Array.isArray(t) || Object.getPrototypeOf(t) !== Object.prototype) return bad(`${what}: a plain object, not ${Array.isArray(t) ? 'an array' : 'an instance of a class'}`);
    const missing = equations.filter((n) => !Object.hasOwn(t, n) || !positive(t[n]));
    const unknown = Object.keys(t).filter((k) => !equations.includes(k));
    const wrong = [...(missing.length ? [`no positive target for ${missing.join(', ')}`] : []), ...(unknown.length ? [`no equation named ${unknown.join(', ')}`] : [])];
    if (wrong.length) return bad(`${what}: ${wrong.join('; ')}`);
    targetOf = (n) => t[n] as number;
  } else return bad(what);
  const floors = [['ranges.floor', r.floor], ['ranges.deep.floor', isObject(r.deep) ? r.deep.floor : undefined]] as const;
  for (const [where, f] of floors) {
    if (f === undefined) continue;
    // its shape was checked before the target
    const floor = f as Floor;
    const blocked = equations.find((n) => 2 * floorFor(floor, n) > targetOf(n));
    if (blocked === undefined) continue;
    const fl = floorFor(floor, blocked);
    const each = typeof floor.value !== 'number';
    bad(`${where} ${each ? `of ${blocked} ` : ''}${fl} makes ${each ? 'its' : 'every'} resolution at least ${2 * fl}, coarser than the target ${targetOf(blocked)}: no case could hold`);
  }
}

/** mathjs's errors of shape and signature: the text cannot mean anything on any case of this size. */
function structural(err: unknown): err is Error {
  if (!(err instanceof Error)) return false;
  if (err instanceof RangeError) return err.name === 'DimensionError' || /^Dimension mismatch/.test(err.message);
  return err instanceof TypeError && /^(Unexpected type of argument|Too many arguments|Too few arguments|'\w+' is not a function)/.test(err.message);
}

function unique(names: string[], what: string, bad: (w: string) => never): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) bad(`two ${what}s are named '${n}'`);
    seen.add(n);
  }
}

type Trees = { defs: [string, MathNode][]; sides: [string, MathNode][] };

function parseAll(enc: Encoding, where: string, bad: (w: string) => never): Trees {
  const math = mathAt(20);
  const parse = (label: string, text: string): MathNode => {
    try {
      return math.parse(text);
    } catch (e) {
      return bad(`${where}${label} does not parse: '${text}' (${e instanceof Error ? e.message : String(e)})`);
    }
  };
  return {
    defs: enc.defs.map(([n, t]): [string, MathNode] => [n, parse(`definition ${n}`, t)]),
    sides: enc.equations.flatMap((q) => [
      [`equation ${q.name}: lhs`, parse(`equation ${q.name}: lhs`, q.lhs)] as [string, MathNode],
      [`equation ${q.name}: rhs`, parse(`equation ${q.name}: rhs`, q.rhs)] as [string, MathNode],
      ...(q.scale !== undefined ? [[`equation ${q.name}: scale`, parse(`equation ${q.name}: scale`, q.scale)] as [string, MathNode]] : []),
    ]),
  };
}

/** The scope of the first drawn case that is not degenerate; undefined when every one tried is. */
function preflightScope<P>(claim: Claim<P>, opts: { seed: number; digits: number }, bad: (w: string) => never): Scope | undefined {
  const level = claim.ranges ? claim.ranges.levels[0]! : opts.digits;
  for (const params of fc.sample(claim.domain, { seed: opts.seed, numRuns: PREFLIGHT_CASES })) {
    let inst;
    try {
      inst = instanceAt(claim, params, level, {});
    } catch (e) {
      return bad(`its instance fails on the drawn case ${JSON.stringify(params)}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!inst.degenerate) return inst.scope;
  }
  return undefined;
}

function readsOnlyKnownNames(enc: Encoding, trees: Trees, scope: Set<string>, where: string, bad: (w: string) => never): void {
  const math = mathAt(20) as unknown as Record<string, unknown>;
  const known = new Set(scope);
  const check = (label: string, node: MathNode, bound: ReadonlySet<string> = new Set()): void => {
    if (node.type === 'FunctionAssignmentNode') {
      // f(w, x) = ...: its parameters are names inside its body
      const fa = node as unknown as { params: string[]; expr: MathNode };
      check(label, fa.expr, new Set([...bound, ...fa.params]));
      return;
    }
    if (node.type === 'FunctionNode') {
      const f = (node as unknown as { fn: { name?: string } }).fn.name;
      if (f !== undefined && REFUSED[f] !== undefined && !known.has(f)) bad(`${where}${label}: ${REFUSED[f]}`);
      if (f !== undefined && typeof math[f] !== 'function' && !known.has(f)) bad(`${where}${label} calls '${f}', which is no function of the encoding language`);
      for (const a of (node as unknown as { args: MathNode[] }).args) check(label, a, bound);
      return;
    }
    if (node.type === 'SymbolNode') {
      const name = (node as unknown as { name: string }).name;
      // a function passed by name (map(v, sqrt)) is no undefined symbol
      if (!known.has(name) && !bound.has(name) && !CONSTANTS.has(name) && typeof math[name] !== 'function')
        bad(`${where}${label} reads '${name}', which is neither an input of the instance nor an earlier definition (mathjs would read it as a unit or fail)`);
      return;
    }
    node.forEach((child) => check(label, child, bound));
  };
  enc.defs.forEach(([name], i) => {
    check(`definition ${name}`, trees.defs[i]![1]);
    known.add(name);
  });
  for (const [label, node] of trees.sides) check(label, node);
}
