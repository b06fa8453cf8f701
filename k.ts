import { flowClaims } from './derivations/flow.js';
import { runClaim } from './src/core/runner.js';
for (const c of flowClaims.filter(c=>c.id!=='flow.m-psd')) {
  const r = runClaim(c as any, { seed: 42, runs: 10, digits: 40 });
  console.log(c.id, r.verdict, r.symbolic, r.runs, r.degenerate, r.wandering, r.errors, r.maxResidual, r.durationMs, JSON.stringify(r.counterexample));
  for (const v of r.variants) console.log('   ', v.name, v.verdict, v.runs, JSON.stringify(v.counterexample?.params), v.errors);
}
