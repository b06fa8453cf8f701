/**
 * Issue 14: no false proved, no false verified. Every claim of the adversarial corpus runs with
 * seed 42, 8 cases, at 40 and 80 digits:
 * - a FALSE claim is never proved, and never verified unless it is wrong below the documented
 *   precision floor (belowFloor) or its counterexamples are too rare to be drawn
 *   (rareCounterexample);
 * - a TRUE claim is never refuted, nor in conflict;
 * - an entry's `expect`, when given, lists the only verdicts allowed (a true claim with a
 *   symbolic proof of every equation is proved; a partial proof leaves it verified; a claim whose
 *   every case is 0 = 0 is inconclusive);
 * - every malformed claim is rejected by validateClaim with MalformedClaim `claim <id>: ...`,
 *   and a symbolic list that decides nothing never makes a claim proved.
 * A summary table is printed for the report.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runClaim, type ClaimResult } from '../../../src/core/runner.js';
import { MalformedClaim, validateClaim } from '../../../src/core/validate.js';
import type { Verdict } from '../../../src/core/verdict.js';
import { comparisons } from './comparisons.js';
import { complexClaims } from './complex.js';
import { degenerateClaims } from './degenerate.js';
import type { CorpusEntry } from './helpers.js';
import { inventionClaims } from './inventions.js';
import { malformedClaims } from './malformed.js';
import { precisionClaims } from './precision.js';
import { symbolicClaims } from './symbolic.js';

export const corpus: CorpusEntry[] = [...comparisons, ...symbolicClaims, ...degenerateClaims, ...complexClaims, ...precisionClaims, ...inventionClaims];
const OPTS = { seed: 42, runs: 8, digits: 40 };
const VALIDATE = { seed: 42, digits: 40 };

type Outcome = Verdict | 'malformed' | 'threw';
interface Row {
  entry: CorpusEntry;
  outcome: Outcome;
  residuals: string;
  note: string;
  violations: string[];
}
const rows: Row[] = [];
const malformedRows: { id: string; cls: number; rejected: boolean; note: string; provedAnyway?: boolean }[] = [];

/** What is wrong with this verdict for this entry (empty: nothing). */
export function violations(e: CorpusEntry, v: Outcome): string[] {
  const out: string[] = [];
  if (v === 'threw') return ['the engine threw'];
  if (v === 'malformed') return e.mayBeMalformed ? [] : ['validateClaim rejected a well-formed claim'];
  if (!e.truth) {
    if (v === 'proved') out.push('FALSE claim proved');
    else if (v === 'verified' && !e.belowFloor && !e.rareCounterexample) out.push('FALSE claim verified');
  } else if (v === 'refuted' || v === 'conflict') out.push(`TRUE claim ${v}`);
  if (e.expect && !e.expect.includes(v)) out.push(`expected ${e.expect.join(' or ')}`);
  return out;
}

function describeResult(r: ClaimResult): { residuals: string; note: string } {
  const levels = r.levels;
  const residuals = levels.map((d) => `${d}:${r.maxResidual[d]}`).join(' ');
  const parts = [`numeric ${r.numeric}`, `symbolic ${r.symbolic}`, `runs ${r.runs}`];
  if (r.degenerate) parts.push(`degenerate ${r.degenerate}`);
  if (r.wandering) parts.push(`wandering ${r.wandering}`);
  if (r.errors.length) parts.push(`error "${r.errors[0]!.slice(0, 90)}"`);
  if (r.counterexample) parts.push(`counterexample ${JSON.stringify(r.counterexample.params)} residuals ${JSON.stringify(r.counterexample.residuals)}`);
  else if (r.wanderingCase) parts.push(`wandering case ${JSON.stringify(r.wanderingCase.params)} residuals ${JSON.stringify(r.wanderingCase.residuals)}`);
  return { residuals, note: parts.join(', ') };
}

function runEntry(e: CorpusEntry): Row {
  try {
    validateClaim(e.claim, VALIDATE);
  } catch (err) {
    if (err instanceof MalformedClaim) return { entry: e, outcome: 'malformed', residuals: '', note: err.message, violations: violations(e, 'malformed') };
    throw err;
  }
  let r: ClaimResult;
  try {
    r = runClaim(e.claim, OPTS);
  } catch (err) {
    return { entry: e, outcome: 'threw', residuals: '', note: String(err), violations: ['the engine threw'] };
  }
  return { entry: e, outcome: r.verdict, ...describeResult(r), violations: violations(e, r.verdict) };
}

const tag = (e: CorpusEntry) => `[class ${e.cls}, ${e.truth ? 'TRUE' : 'FALSE'}${e.belowFloor ? ', below floor' : ''}${e.rareCounterexample ? ', rare counterexample' : ''}]`;

describe('the adversarial corpus (issue 14)', () => {
  it('has at least 70 claims with distinct ids, each tagged, all in group corpus', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(70);
    const ids = [...corpus.map((e) => e.claim.id), ...malformedClaims.map((m) => m.claim.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of corpus) {
      expect(e.claim.group).toBe('corpus');
      expect(e.claim.variants).toEqual([]);
      // the exemptions are for false claims only
      if (e.belowFloor || e.rareCounterexample) expect(e.truth).toBe(false);
    }
  });

  it.each(corpus.map((e) => [`${e.claim.id} ${tag(e)}`, e] as const))('%s', (_name, e) => {
    const row = runEntry(e);
    rows.push(row);
    expect(row.violations, `${e.claim.id}: ${row.outcome} (${row.residuals}) ${row.note} — ${e.probe}`).toEqual([]);
  });
});

describe('malformed claims (classes 2 and 9)', () => {
  it.each(malformedClaims.map((m) => [`${m.claim.id} [class ${m.cls}]: ${m.probe}`, m] as const))('validateClaim rejects %s', (_name, m) => {
    let thrown: unknown;
    try {
      validateClaim(m.claim, VALIDATE);
    } catch (err) {
      thrown = err;
    }
    const rejected = thrown instanceof MalformedClaim && thrown.message.startsWith(`claim ${m.claim.id}:`);
    malformedRows.push({ id: m.claim.id, cls: m.cls, rejected, note: thrown instanceof Error ? thrown.message : 'no error' });
    expect(thrown, `${m.claim.id}: ${m.probe}`).toBeInstanceOf(MalformedClaim);
    expect((thrown as Error).message.startsWith(`claim ${m.claim.id}:`), (thrown as Error).message).toBe(true);
  });

  it.each(malformedClaims.filter((m) => m.neverProved).map((m) => [m.claim.id, m] as const))('a symbolic list that does not decide every equation never proves %s', (_id, m) => {
    let verdict: Outcome;
    try {
      verdict = runClaim(m.claim, OPTS).verdict;
    } catch (err) {
      verdict = err instanceof MalformedClaim ? 'malformed' : 'threw';
    }
    const row = malformedRows.find((r) => r.id === m.claim.id);
    if (row) row.provedAnyway = verdict === 'proved';
    expect(verdict).not.toBe('proved');
  });
});

afterAll(() => {
  const count = (pred: (r: Row) => boolean) => rows.filter(pred).length;
  const falseRows = rows.filter((r) => !r.entry.truth);
  const trueRows = rows.filter((r) => r.entry.truth);
  const fc = (v: Outcome) => falseRows.filter((r) => r.outcome === v).length;
  const tc = (v: Outcome) => trueRows.filter((r) => r.outcome === v).length;
  const lines: string[] = [];
  lines.push(`corpus (seed ${OPTS.seed}, ${OPTS.runs} cases, ${OPTS.digits}/${2 * OPTS.digits} digits): ${rows.length} claims run, ${count((r) => r.violations.length > 0)} violating`);
  lines.push(
    `FALSE claims (${falseRows.length}): refuted ${fc('refuted')}, conflict ${fc('conflict')}, inconclusive ${fc('inconclusive')}, ` +
      `passed ${fc('verified') + fc('proved')} (verified ${fc('verified')} of which exempt ${falseRows.filter((r) => r.outcome === 'verified' && (r.entry.belowFloor || r.entry.rareCounterexample)).length}, proved ${fc('proved')}), ` +
      `malformed ${fc('malformed')}, threw ${fc('threw')}`,
  );
  lines.push(
    `TRUE claims (${trueRows.length}): proved ${tc('proved')}, verified ${tc('verified')}, inconclusive ${tc('inconclusive')}, refuted ${tc('refuted')}, conflict ${tc('conflict')}, malformed ${tc('malformed')}, threw ${tc('threw')}`,
  );
  lines.push(
    `malformed claims (${malformedClaims.length}): rejected ${malformedRows.filter((r) => r.rejected).length} / ${malformedRows.length}; ` +
      `bad symbolic lists still proved by runClaim: ${malformedRows.filter((r) => r.provedAnyway).map((r) => r.id).join(', ') || 'none'}`,
  );
  lines.push('');
  lines.push(['id', 'class', 'truth', 'verdict', 'max residual', 'violations', 'details'].join(' | '));
  for (const r of [...rows].sort((a, b) => a.entry.cls - b.entry.cls || a.entry.claim.id.localeCompare(b.entry.claim.id))) {
    lines.push([r.entry.claim.id, r.entry.cls, r.entry.truth ? 'T' : 'F', r.outcome, r.residuals, r.violations.join('; ') || 'ok', r.note].join(' | '));
  }
  for (const m of malformedRows) lines.push(`malformed ${m.id}: ${m.rejected ? 'rejected' : 'NOT rejected'} (${m.note})${m.provedAnyway ? '; runClaim still says proved' : ''}`);
  console.log(lines.join('\n'));
});
