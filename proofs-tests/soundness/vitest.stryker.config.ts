import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The test set StrykerJS runs against each mutant of the engine: the engine's own tests, fast
 * enough to repeat per mutant (each run re-imports its files). Out: the catalogue's derivation
 * tests (minutes), the degeneracy sweep (a minute) and cli.test.ts, which loads the whole
 * catalogue (seconds of import per mutant; cli-fuzz drives the CLI with a tiny app instead).
 * They all run in `npm test`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['proofs-tests/*.test.ts', 'proofs-tests/numeric/**/*.test.ts', 'proofs-tests/soundness/**/*.test.ts'],
    exclude: ['proofs-tests/cli.test.ts', 'proofs-tests/soundness/degeneracy.test.ts', '**/node_modules/**'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
