import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The test set StrykerJS runs against each mutant of the engine: the engine's own tests, fast
 * enough to repeat per mutant (each run re-imports its files). Out: the catalogue's derivation
 * tests (minutes), the degeneracy sweep (a minute), the CLI tests (the whole catalogue's import
 * per mutant; a fuzz of the command line). They all run in `npm test`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['proofs-tests/core.test.ts', 'proofs-tests/mutants.test.ts', 'proofs-tests/numeric/**/*.test.ts', 'proofs-tests/symbolic/**/*.test.ts', 'proofs-tests/soundness/**/*.test.ts'],
    // the command-line fuzz is a test of the CLI, not of the engine (engine.test.ts covers the laws)
    exclude: ['proofs-tests/soundness/degeneracy.test.ts', 'proofs-tests/soundness/cli-fuzz.test.ts', '**/node_modules/**'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
