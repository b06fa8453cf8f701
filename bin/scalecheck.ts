#!/usr/bin/env node
import { main } from '../src/cli/main.js';
import { claims, models } from '../derivations/index.js';
import { grsdDiagnostics } from '../derivations/grsd.js';

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
main(process.argv.slice(2), { claims, models, diagnostics: grsdDiagnostics, workerUrl }, { out: (s) => console.log(s), err: (s) => console.error(s) }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // an engine bug, not bad input: one line, and a distinct code
    console.error(`scalecheck: internal error: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 3;
  },
);
