import type { Claim, Figure, Floor } from '../core/claim.js';
import { floorOf, levelsOf } from '../core/runner.js';
import type { ClaimResult, Counterexample, MutantResult } from '../core/runner.js';
import { holdsVerdicts, type Verdict } from '../core/verdict.js';
import type { ResolutionSource } from '../core/precision.js';
import { shellWord } from './shell.js';

export interface ClaimEntry {
  id: string;
  group: string;
  kind: string;
  source: string;
  statement: string;
  verdict: Verdict;
  runs: number;
  /** residuals measured at working digits (identities) or over growing ranges (scaling claims) */
  axis: 'digits' | 'range';
  levels: number[];
  /** what a range level counts (scaling claims) */
  levelLabel?: string;
  /** identities and limits: the fraction τ of the working digits the residual must reach */
  tolerance?: number;
  /** scaling claims: the floor under the resolution and why the measurement cannot do better */
  floor?: Floor;
  /** scaling claims: per equation, the error beyond which every error in its formula is refuted */
  resolution?: Record<string, number>;
  /** scaling claims: per equation, what set the resolution (the convergence, the stated uncertainty, the floor) */
  resolutionSource?: Record<string, ResolutionSource>;
  /** scaling claims: the resolution the claim asserts (one for every equation, or per equation) */
  target?: number | Readonly<Record<string, number>>;
  /** the equations the symbolic route reduced to zero, out of how many */
  symbolicEquations?: { proved: string[]; total: number };
  /** the worst residual at the last level */
  maxResidual: string;
  maxResidualByLevel: Record<string, string>;
  symbolic: string;
  degenerate: number;
  durationMs: number;
  counterexample?: Counterexample & { replay: string };
  notes?: string[];
  variants: { name: string; verdict: Verdict; counterexample?: Counterexample & { replay: string } }[];
  mutants?: MutantResult[];
  figure?: Figure;
}

export interface MutantSummary {
  total: number;
  refuted: number;
  equivalent: number;
  invalid: number;
  survived: { claim: string; site: string; mutation: string; note?: string }[];
  /** the equivalent mutants, each shown so by the symbolic route or explained by its claim */
  equivalents: { claim: string; site: string; mutation: string; how: 'symbolic' | 'explained'; why: string }[];
}

/** What a run was asked for besides its seed and digits: the parts of a sharded run agree on it. */
export interface RunSettings {
  /** --runs, when given (else each claim's own) */
  runs?: number;
  deep: boolean;
  mutants: boolean;
  /** the claim files and directories as given, and whether the catalogue's claims were in the set */
  files: string[];
  catalogue: boolean;
}

/** A part of a sharded run (verify --shard): which, and the ids of the whole selection in order. */
export interface ShardInfo {
  index: number;
  count: number;
  selection: string[];
}

export interface Report {
  seed: number;
  /** the run was interrupted: only the claims that finished are here (summary.ok is false) */
  partial?: boolean;
  digits: number[];
  run?: RunSettings;
  shard?: ShardInfo;
  claims: ClaimEntry[];
  summary: { claims: number; holding: number; variants: number; refutedVariants: number; ok: boolean };
  mutants?: MutantSummary & { byGroup: Record<string, Omit<MutantSummary, 'survived' | 'equivalents'> & { survived: number }> };
}

/** A claim is in order when it holds and every wrong variant is refuted. */
export function claimOk(c: ClaimEntry): boolean {
  return holdsVerdicts.has(c.verdict) && c.variants.every((v) => v.verdict === 'refuted');
}

/** What a run was asked for: its replay commands repeat it (--runs bounds the case index). */
export interface RunContext {
  seed: number;
  digits: number;
  runs?: number;
  /** range claims were measured over their deep ranges (--deep) */
  deep?: boolean;
  /** the claim files and directories as given (none: the catalogue) */
  files?: string[];
  /** the catalogue's claims were in the set beside the files (--catalogue) */
  catalogue?: boolean;
}

/** The command that runs one case again, as a shell reads it: the same claim set, seed, digits, runs and ranges. */
export function replayCommand(run: RunContext, tag: string, path: string): string {
  const files = (run.files ?? []).map((f) => (f.startsWith('-') ? `--claims ${shellWord(f)}` : shellWord(f)));
  const words = [
    'npx scalecheck verify',
    ...files,
    ...(files.length && run.catalogue ? ['--catalogue'] : []),
    `--seed ${run.seed} --digits ${run.digits}`,
    ...(run.runs === undefined ? [] : [`--runs ${run.runs}`]),
    ...(run.deep ? ['--deep'] : []),
    `--replay ${tag}:${path}`,
  ];
  return words.join(' ');
}

function withReplay(ce: Counterexample | undefined, id: string, run: RunContext, variant?: number): (Counterexample & { replay: string }) | undefined {
  if (!ce) return undefined;
  return { ...ce, replay: replayCommand(run, variant === undefined ? id : `${id}#${variant}`, ce.path) };
}

/** A claim whose worker overran its budget or died: no cases to report. */
export interface LostClaim {
  verdict: 'timeout' | 'inconclusive';
  durationMs: number;
  note?: string;
}

export function entry(claim: Claim<unknown>, r: ClaimResult | LostClaim, run: RunContext): ClaimEntry {
  const levels = levelsOf(claim, run.digits, run.deep);
  const floor = floorOf(claim, run.deep);
  const base = {
    id: claim.id,
    group: claim.group,
    kind: claim.kind,
    source: claim.source,
    statement: claim.statement,
    axis: claim.ranges ? ('range' as const) : ('digits' as const),
    levels,
    // scaling: the floor under the resolution at these levels, if the claim keeps one; identities: the fraction of the digits
    ...(claim.ranges ? { levelLabel: claim.ranges.label ?? 'range level', target: claim.ranges.target, ...(floor ? { floor } : {}) } : { tolerance: claim.tolerance ?? 0.9 }),
  };
  if (!('runs' in r)) {
    return {
      ...base,
      verdict: r.verdict,
      runs: 0,
      maxResidual: 'n/a',
      maxResidualByLevel: {},
      symbolic: 'n/a',
      degenerate: 0,
      durationMs: r.durationMs,
      ...(r.note ? { notes: [r.note] } : {}),
      variants: claim.variants.map((v) => ({ name: v.name, verdict: r.verdict as Verdict })),
    };
  }
  const notes = [...r.errors.map((e) => `error: ${e}`), ...(r.wanderingCase ? [`${r.wandering} undecided case(s) (a wandering residual, or a resolution coarser than the target), first ${JSON.stringify(r.wanderingCase.params)}: ${JSON.stringify(r.wanderingCase.residuals)}${r.wanderingCase.note ? ` (${r.wanderingCase.note})` : ''}`] : [])];
  return {
    ...base,
    verdict: r.verdict,
    runs: r.runs,
    maxResidual: r.maxResidual[levels[levels.length - 1]!] ?? 'n/a',
    maxResidualByLevel: r.maxResidual,
    symbolic: symbolicLabel(r),
    ...(r.symbolicEquations ? { symbolicEquations: r.symbolicEquations } : {}),
    ...(r.resolution ? { resolution: r.resolution, resolutionSource: r.resolutionSource } : {}),
    degenerate: r.degenerate,
    durationMs: r.durationMs,
    counterexample: withReplay(r.counterexample, claim.id, run),
    ...(notes.length ? { notes } : {}),
    variants: r.variants.map((v, i) => ({ name: v.name, verdict: v.verdict, counterexample: withReplay(v.counterexample, claim.id, run, i) })),
    ...(r.mutants ? { mutants: r.mutants } : {}),
    ...(r.figure ? { figure: r.figure } : {}),
  };
}

/** The symbolic decision, with the share of equations it covers when that is not all ('zero 1/3'). */
function symbolicLabel(r: ClaimResult): string {
  const e = r.symbolicEquations;
  return e && e.proved.length < e.total ? `${r.symbolic} ${e.proved.length}/${e.total}` : r.symbolic;
}

/** The target a scaling claim asserts for one equation, as printed ('none': a report without one). */
export function targetFor(c: ClaimEntry, equation: string): string {
  const t = typeof c.target === 'number' ? c.target : c.target && Object.hasOwn(c.target, equation) ? c.target[equation] : undefined;
  return typeof t === 'number' ? String(t) : 'none';
}

/** A floor's value as printed: the number, or each equation's ('overlap 0.1, ...'). */
export function floorText(f: Floor): string {
  return typeof f.value === 'number' ? String(f.value) : Object.entries(f.value).map(([eq, v]) => `${eq} ${v}`).join(', ');
}

/** A resolution as printed: 'n/a' where no case earned one (NaN, which JSON writes as null). */
export function shownResolution(r: number | null): string {
  return typeof r === 'number' && Number.isFinite(r) ? r.toPrecision(2) : 'n/a';
}

/** A scaling claim's resolution for the table: the equation nearest its target (or past it, or unknown), 'resolution (target)'. */
export function resolutionCell(c: ClaimEntry): string {
  const xs = Object.entries(c.resolution ?? {}).map(([eq, r]) => ({ eq, r: r as number | null, ratio: (r ?? Number.NaN) / Number(targetFor(c, eq)) }));
  if (!xs.length) return '';
  const worst = xs.reduce((a, b) => (Number.isNaN(a.ratio) ? a : Number.isNaN(b.ratio) || b.ratio > a.ratio ? b : a));
  return `${shownResolution(worst.r)} (${targetFor(c, worst.eq)})`;
}

function mutantSummary(claims: ClaimEntry[]): MutantSummary {
  const all = claims.flatMap((c) => (c.mutants ?? []).map((m) => ({ claim: c.id, ...m })));
  return {
    total: all.length,
    refuted: all.filter((m) => m.status === 'refuted').length,
    equivalent: all.filter((m) => m.status === 'equivalent').length,
    invalid: all.filter((m) => m.status === 'invalid').length,
    survived: all.filter((m) => m.status === 'survived').map(({ claim, site, mutation, note }) => ({ claim, site, mutation, note })),
    equivalents: all.filter((m) => m.status === 'equivalent').map(({ claim, site, mutation, how, note }) => ({ claim, site, mutation, how: how ?? 'symbolic', why: note ?? '' })),
  };
}

/** The report of these claims; `run` and `shard` say what was asked for (the CLI records them, merge compares them). */
export function summarise(seed: number, digits: number, claims: ClaimEntry[], partial = false, run?: RunSettings, shard?: ShardInfo): Report {
  const variants = claims.flatMap((c) => c.variants);
  const withMutants = claims.some((c) => c.mutants);
  const groups = [...new Set(claims.map((c) => c.group))];
  const mutants = withMutants
    ? {
        ...mutantSummary(claims),
        byGroup: Object.fromEntries(
          groups.map((g) => {
            const { equivalents: _, ...s } = mutantSummary(claims.filter((c) => c.group === g));
            return [g, { ...s, survived: s.survived.length }];
          }),
        ),
      }
    : undefined;
  return {
    seed,
    partial,
    digits: [digits, 2 * digits],
    ...(run ? { run } : {}),
    ...(shard ? { shard } : {}),
    claims,
    summary: {
      claims: claims.length,
      holding: claims.filter((c) => holdsVerdicts.has(c.verdict)).length,
      variants: variants.length,
      refutedVariants: variants.filter((v) => v.verdict === 'refuted').length,
      // a surviving mutant is a blind spot of the check: the run is not in order
      ok: !partial && claims.every(claimOk) && (mutants?.survived.length ?? 0) === 0,
    },
    ...(mutants ? { mutants } : {}),
  };
}

export function table(report: Report): string {
  const rows = [['claim', 'verdict', 'cases', 'degen', 'residual: first level', 'last level', 'resolution (target)', 'symbolic', 'variants', 'time']];
  for (const c of report.claims) {
    const refuted = c.variants.filter((v) => v.verdict === 'refuted').length;
    const at = (l: number | undefined): string => (l === undefined ? 'n/a' : `${c.maxResidualByLevel[l] ?? 'n/a'} @${l}${c.axis === 'digits' ? 'd' : ''}`);
    rows.push([
      c.id,
      c.verdict,
      String(c.runs),
      String(c.degenerate),
      at(c.levels[0]),
      at(c.levels[c.levels.length - 1]),
      resolutionCell(c),
      c.symbolic,
      `${refuted}/${c.variants.length} refuted`,
      `${(c.durationMs / 1000).toFixed(1)}s`,
    ]);
  }
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  const fmt = (r: string[]): string => r.map((x, j) => x.padEnd(widths[j]!)).join('  ').trimEnd();
  const lines = [fmt(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(fmt)];
  for (const c of report.claims) {
    for (const v of c.variants.filter((x) => x.verdict !== 'refuted')) lines.push(`!! ${c.id}: wrong variant '${v.name}' not refuted (${v.verdict})`);
    if (c.counterexample) lines.push(`!! ${c.id}: counterexample ${JSON.stringify(c.counterexample.params)}; replay: ${c.counterexample.replay}`);
    if (c.floor) lines.push(`   ${c.id}: resolution floor ${floorText(c.floor)}: ${c.floor.why}`);
    for (const n of c.notes ?? []) lines.push(`   ${c.id}: ${n}`);
  }
  if (report.mutants) {
    const m = report.mutants;
    lines.push('', 'automatic mutants:');
    for (const [g, x] of Object.entries(m.byGroup)) lines.push(`  ${g.padEnd(10)} ${x.refuted}/${x.total} refuted, ${x.equivalent} equivalent, ${x.invalid} ill-formed, ${x.survived} survived`);
    lines.push(`  ${'total'.padEnd(10)} ${m.refuted}/${m.total} refuted, ${m.equivalent} equivalent, ${m.invalid} ill-formed, ${m.survived.length} survived`);
    for (const x of m.survived) lines.push(`  survivor ${x.claim} ${x.site}: ${x.mutation}${x.note ? ` (${x.note})` : ''}`);
  }
  const s = report.summary;
  const survivors = report.mutants ? `, ${report.mutants.survived.length} automatic mutant(s) survived` : '';
  if (report.partial) lines.push('', 'PARTIAL REPORT: the run was interrupted; only the claims above finished');
  if (report.shard) lines.push('', `shard ${report.shard.index}/${report.shard.count}: ${report.claims.length} of the ${report.shard.selection.length} chosen claims ('scalecheck merge' joins the parts)`);
  lines.push('', `${s.holding}/${s.claims} claims hold, ${s.refutedVariants}/${s.variants} wrong variants refuted${survivors}: ${report.partial ? 'PARTIAL' : s.ok ? 'OK' : 'FAILED'}`);
  return lines.join('\n');
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function junit(report: Report): string {
  const cases: string[] = [];
  let failures = 0;
  for (const c of report.claims) {
    const ok = holdsVerdicts.has(c.verdict);
    if (!ok) failures++;
    cases.push(
      `  <testcase classname="${esc(c.group)}" name="${esc(c.id)}" time="${(c.durationMs / 1000).toFixed(3)}">` +
        (ok ? '' : `<failure message="${esc(c.verdict)}">${esc(JSON.stringify(c.counterexample ?? c.notes ?? c.verdict))}</failure>`) +
        '</testcase>',
    );
    for (const v of c.variants) {
      const vok = v.verdict === 'refuted';
      if (!vok) failures++;
      cases.push(
        `  <testcase classname="${esc(c.group)}.variants" name="${esc(`${c.id}: ${v.name}`)}" time="0">` +
          (vok ? '' : `<failure message="wrong variant not refuted: ${esc(v.verdict)}"/>`) +
          '</testcase>',
      );
    }
  }
  for (const m of report.mutants?.survived ?? []) {
    failures++;
    cases.push(`  <testcase classname="mutants" name="${esc(`${m.claim} ${m.site}: ${m.mutation}`)}" time="0"><failure message="automatic mutant survived">${esc(m.note ?? '')}</failure></testcase>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="scalecheck" tests="${cases.length}" failures="${failures}">\n${cases.join('\n')}\n</testsuite>\n`;
}
