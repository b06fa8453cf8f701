import { parse, type MathNode } from 'mathjs';
import type { Encoding, EquivalentMutant, MutationKind, Variant } from './claim.js';

/**
 * Automatic mutants of an encoding: every expression (definitions and both sides of each
 * equation) is mutated one place at a time — a sign flipped, a constant doubled or halved,
 * an exponent moved by one, a term dropped, a transpose removed, the whole side doubled or
 * negated. Each mutant is a Variant, checked like the hand-written wrong variants.
 */
export interface Mutant {
  /** where: "def A", "eq balance.rhs" */
  site: string;
  kind: MutationKind;
  /** the kind and what it rewrote: "sign flipped: a + b -> a - (b)" */
  mutation: string;
  variant: Variant;
}

const KINDS: readonly MutationKind[] = ['sign flipped', 'term dropped', 'exponent +1', 'exponent -1', 'constant doubled', 'constant halved', 'transpose removed', 'factor 2 on the whole side', 'whole side negated'];

function kindOf(mutation: string): MutationKind {
  const k = KINDS.find((x) => mutation.startsWith(x));
  if (!k) throw new Error(`mutation of no known kind: ${mutation}`);
  return k;
}

const matches = (pattern: string | RegExp, text: string, exact: boolean): boolean =>
  typeof pattern === 'string' ? (exact ? text === pattern : text.includes(pattern)) : pattern.test(text);

/** Whether an explained equivalent mutant covers this mutant: its site, one of its kinds, and (if given) the text it rewrote. */
export function explains(e: EquivalentMutant, m: Mutant): boolean {
  return matches(e.site, m.site, true) && e.kinds.includes(m.kind) && (e.at === undefined || matches(e.at, m.mutation, false));
}

type Rewrite = { mutation: string; node: MathNode };

function rewrites(node: MathNode): Rewrite[] {
  const out: Rewrite[] = [];
  const n = node as unknown as { type: string; fn?: string | { name: string }; op?: string; args?: MathNode[]; value?: unknown };
  const M = parse; // build nodes by parsing text: simplest and always well-formed
  const text = (x: MathNode): string => x.toString();
  if (n.type === 'OperatorNode') {
    const [a, b] = n.args as [MathNode, MathNode];
    switch (n.fn) {
      case 'add':
        out.push({ mutation: `sign flipped: ${text(node)} -> ${text(a)} - (${text(b)})`, node: M(`(${text(a)}) - (${text(b)})`) });
        out.push({ mutation: `term dropped: ${text(node)} -> ${text(a)}`, node: a });
        out.push({ mutation: `term dropped: ${text(node)} -> ${text(b)}`, node: b });
        break;
      case 'subtract':
        out.push({ mutation: `sign flipped: ${text(node)} -> ${text(a)} + (${text(b)})`, node: M(`(${text(a)}) + (${text(b)})`) });
        out.push({ mutation: `term dropped: ${text(node)} -> ${text(a)}`, node: a });
        break;
      case 'unaryMinus':
        out.push({ mutation: `sign flipped: ${text(node)} -> ${text(a)}`, node: a });
        break;
      case 'pow':
      case 'dotPow':
        for (const d of [1, -1]) out.push({ mutation: `exponent ${d > 0 ? '+1' : '-1'}: ${text(node)}`, node: M(`(${text(a)}) ${n.op} ((${text(b)}) + (${d}))`) });
        break;
      default:
        break;
    }
  } else if (n.type === 'ConstantNode' && typeof n.value === 'number') {
    // (a 0 doubles or halves to itself: the mutant is the original, and dropped as such)
    out.push({ mutation: `constant doubled: ${n.value} -> ${2 * n.value}`, node: M(String(2 * n.value)) });
    out.push({ mutation: `constant halved: ${n.value} -> ${n.value / 2}`, node: M(String(n.value / 2)) });
  } else if (n.type === 'FunctionNode' && (n.fn as { name: string }).name === 'transpose') {
    out.push({ mutation: `transpose removed (indices swapped): ${text(node)}`, node: n.args![0]! });
  }
  return out;
}

/** All single-site mutants of one expression, plus the whole expression doubled and negated. */
export function mutateExpression(expr: string): { mutation: string; expr: string }[] {
  const root = parse(expr);
  const seen = new Set<string>([root.toString()]);
  const out: { mutation: string; expr: string }[] = [];
  const add = (mutation: string, e: string): void => {
    if (seen.has(e)) return;
    seen.add(e);
    out.push({ mutation, expr: e });
  };
  add('factor 2 on the whole side', `2 * (${expr})`);
  add('whole side negated', `-(${expr})`);
  const sites: MathNode[] = [];
  const up = new Map<MathNode, { parent: MathNode; path: string }>();
  root.traverse((node, path, parent) => {
    sites.push(node);
    if (parent) up.set(node, { parent, path });
  });
  sites.forEach((site, k) => {
    // a constant or a power reads the same in many places: name the expression around it
    const leaf = site.type === 'ConstantNode' || /^exponent/.test(rewrites(site)[0]?.mutation ?? '');
    const where = context(site, root, up, leaf);
    for (const r of rewrites(site)) {
      let i = -1;
      const mutated = root.transform((node) => (++i === k ? r.node : node));
      add(r.mutation + where, mutated.toString());
    }
  });
  return out;
}

/**
 * Where a site sits: inside a conditional (a law's regimes), the regime's condition or value it
 * belongs to; else, for a constant or a power (`leaf`), the expression around it.
 */
function context(site: MathNode, root: MathNode, up: Map<MathNode, { parent: MathNode; path: string }>, leaf: boolean): string {
  const bare = (n: MathNode): string => (n.type === 'ParenthesisNode' ? (n as unknown as { content: MathNode }).content : n).toString();
  for (let n = site, at = up.get(n); at; n = at.parent, at = up.get(n))
    if (at.parent.type === 'ConditionalNode' && at.path !== 'falseExpr') return ` in the ${at.path === 'condition' ? 'condition' : 'value'} ${bare(n)}`;
  const parent = up.get(site)?.parent;
  return leaf && parent && parent !== root ? ` in ${parent.toString()}` : '';
}

/** Names an expression reads. */
function symbols(expr: string): Set<string> {
  const out = new Set<string>();
  parse(expr).traverse((node) => {
    if (node.type === 'SymbolNode') out.add((node as unknown as { name: string }).name);
  });
  return out;
}

/**
 * The definitions the equations' sides read (all, or those given), directly or through other
 * definitions not `bound`. A definition read only by a residual scale sets the unit of the
 * tolerance, not the statement.
 */
export function liveDefs(enc: Encoding, equations = enc.equations, bound: ReadonlySet<string> = new Set()): Set<string> {
  const live = new Set<string>();
  for (const q of equations) for (const e of [q.lhs, q.rhs]) for (const s of symbols(e)) live.add(s);
  // a definition bound to a given value (a symbolic input) is not read through
  for (const [name, expr] of [...enc.defs].reverse()) if (live.has(name) && !bound.has(name)) for (const s of symbols(expr)) live.add(s);
  return live;
}

export function mutantsOf(enc: Encoding): Mutant[] {
  const out: Mutant[] = [];
  const live = liveDefs(enc);
  // a definition no equation reads cannot change a verdict: not a mutant worth the name
  for (const [name, expr] of enc.defs.filter(([n]) => live.has(n)))
    for (const m of mutateExpression(expr)) out.push({ site: `def ${name}`, kind: kindOf(m.mutation), mutation: m.mutation, variant: { name: `mutant: def ${name}: ${m.mutation}`, defs: { [name]: m.expr } } });
  for (const q of enc.equations)
    for (const side of ['lhs', 'rhs'] as const) {
      // a side that is the literal 0 mutates only to itself
      if (q[side].trim() === '0') continue;
      const otherIsZero = q[side === 'lhs' ? 'rhs' : 'lhs'].trim() === '0';
      for (const m of mutateExpression(q[side]))
        // x = 0 and 2x = 0 (or -x = 0) are the same statement: equivalent by construction
        if (!(otherIsZero && (m.mutation === 'factor 2 on the whole side' || m.mutation === 'whole side negated')))
          out.push({ site: `eq ${q.name}.${side}`, kind: kindOf(m.mutation), mutation: m.mutation, variant: { name: `mutant: ${q.name}.${side}: ${m.mutation}`, equations: { [q.name]: { [side]: m.expr } } } });
    }
  return out;
}
