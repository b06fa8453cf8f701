#!/usr/bin/env node
import { readModulesOneAtATime } from './sync-load.js';

// hooks apply to what is imported after them: everything else is imported dynamically
readModulesOneAtATime();
const { runCli } = await import('../src/cli/main.js');
const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
await runCli(async ({ catalogue }) => {
  // claim files alone, help and merge need no catalogue: it takes seconds to load
  if (!catalogue) return { claims: [], workerUrl };
  const { claims, models } = await import('../derivations/index.js');
  const { grsdDiagnostics } = await import('../derivations/grsd.js');
  return { claims, models, diagnostics: grsdDiagnostics, workerUrl };
});
