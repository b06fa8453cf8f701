/**
 * Soundness under degeneracy: thousands of spectral paths drawn on purpose through eigenvalue
 * clusters, crossings, shell boundaries, the twilight next to zero and standing eigenvectors
 * (degeneracy-sweep.ts), each run through a kato or shell claim exactly as `verify` runs a
 * drawn case (evaluateCase at 20 and 40 digits). Every one of these claims is true, so a case
 * classified 'fails' is a false refutation: the count must be zero. A case that 'holds' on an
 * ill-conditioned instance must be a residual that keeps falling at 40 and 80 digits.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drawn, sweep } from './degeneracy-sweep.js';

/** drawn cases; SOUNDNESS_PATHS overrides (e.g. 10000 for a long sweep) */
const CASES = Number(process.env.SOUNDNESS_PATHS ?? 2000);

describe('soundness under degeneracy (kato and shell claims on designed paths)', () => {
  // about 45 s of CPU for 2000 cases; the bound leaves room for a machine shared with other runs
  it(`no false refutation on ${CASES} paths through clusters, crossings and shell boundaries`, { timeout: 1_200_000 }, () => {
    const cpu0 = process.cpuUsage();
    const cases = fc.sample(drawn, { seed: 6, numRuns: CASES });
    const t = sweep(cases, 40);
    const cpu = process.cpuUsage(cpu0);
    const summary = {
      cases: t.cases,
      outcomes: t.outcomes,
      byFamily: t.byFamily,
      occurred: t.diag,
      outcomesWhereItOccurred: t.byCondition,
      spurious: t.spurious.length,
      spuriousByClaim: t.spurious.reduce<Record<string, number>>((a, s) => ({ ...a, [`${s.claim} (${s.family})`]: (a[`${s.claim} (${s.family})`] ?? 0) + 1 }), {}),
      errors: t.errors.length,
      illConditionedPassesConfirmed: `${t.confirmations.checked - t.confirmations.unconfirmed.length}/${t.confirmations.checked}`,
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1e6),
    };
    console.log(JSON.stringify(summary, null, 1));
    for (const s of t.spurious.filter((x) => process.env.SOUNDNESS_SHOW === undefined || x.family === process.env.SOUNDNESS_SHOW).slice(0, 3)) console.log('false refutation:', s.claim, s.family, JSON.stringify(s.params), JSON.stringify(s.report.residuals), s.report.worstEquation);
    for (const e of t.errors.slice(0, 3)) console.log('error:', e.claim, e.family, e.note);
    for (const u of t.confirmations.unconfirmed.slice(0, 3)) console.log('unconfirmed pass:', u.claim, JSON.stringify(u.params.design), JSON.stringify(u.lo), JSON.stringify(u.hi));

    // the paths really went through what they were drawn for
    expect(t.diag.gapBelow1e3).toBeGreaterThan(CASES / 10);
    expect(t.diag.gapBelow1e6).toBeGreaterThan(CASES / 20);
    expect(t.diag.gapBelow1e20).toBeGreaterThan(CASES / 50);
    expect(t.diag.crossingInWindow).toBeGreaterThan(0);
    expect(t.diag.shellChangeInWindow).toBeGreaterThan(CASES / 100);
    // and no true claim was refuted, no case crashed, every ill-conditioned pass kept converging
    expect(t.spurious.map((s) => `${s.claim} (${s.family}): ${JSON.stringify(s.report.residuals)}`)).toEqual([]);
    expect(t.errors).toEqual([]);
    expect(t.confirmations.unconfirmed).toEqual([]);
  });
});
