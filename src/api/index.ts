/**
 * scalecheck: check a derivation's claims (identities, limits, scaling laws) by seeded
 * property-based evaluation at high precision against an independent route to the truth.
 *
 * - `defineClaim` declares a claim; `verify` checks claims and returns the report.
 * - `scalecheck/numeric`: the building blocks of independent routes at working precision.
 * - `scalecheck/arbitraries`: fast-check arbitraries for matrices, spectral paths, spectra.
 * - `scalecheck/models`: the exact models (networks, diagonal and linear networks, multi-index).
 * - `scalecheck/vitest`: `expect(claim).toHold()` and friends.
 *
 * The encoding language (what an equation may say) is documented in docs/encoding.md.
 * @packageDocumentation
 */
export { defineClaim } from '../core/define.js';
/** The fast-check and decimal.js the engine runs on: draw domains and build scopes with these, so that a second copy in your project can never be mixed in. */
export { default as fc } from 'fast-check';
export { Decimal } from 'decimal.js';
export { isRanged, instanceAt, applyVariant } from '../core/claim.js';
export type {
  Claim,
  PrecisionClaim,
  RangeClaim,
  PrecisionContext,
  RangeContext,
  ClaimKind,
  Encoding,
  Equation,
  Variant,
  Flags,
  Instance,
  Ranges,
  Figure,
  Series,
  EquivalentMutant,
  MutationKind,
} from '../core/claim.js';
export { verify, type VerifyOptions } from './verify.js';
export type { ClaimEntry, Report, MutantSummary } from '../cli/report.js';
export type { Verdict } from '../core/verdict.js';
export { MalformedClaim, validateClaim } from '../core/validate.js';
export { UsageError } from '../cli/args.js';
export { runClaim, check, type RunOptions, type ClaimResult, type CheckResult, type Counterexample } from '../core/runner.js';
export { RANGE_K, classifyRange, extrapolatedLimit, type RangeEstimate } from '../core/precision.js';
export { sym, crossCheckDerivative, toTeX, type Sym, type SymScope } from '../symbolic/symbolic.js';
export { MAX_WORKING_DIGITS, GUARD_DIGITS, shellLabels, type Scope, type Value } from '../symbolic/numeric.js';
export { NULL_SHELL, shellIndicator } from '../symbolic/primitives.js';
export { evaluateLaws, formulaOf, piecewise, LawError, type LawModel, type LawParam, type LawKey, type Regime, type LawResult } from '../core/laws.js';
export { coupled, frob, median, quantile, shellsOf, traceOf, type Diagnostic, type DiagnosticNetwork, type Snapshot, type Trace } from '../core/diagnostic.js';
export { shellState, shellStates, netTransfer, rateNorm, transferDecay, fitClosure, predictTransfer, closureError, measureShellFlux, rms, type ShellState, type TransferDecay, type ClosureKind, type FluxClosure, type ShellFluxMeasure } from '../core/shell-flux.js';
export type { DiagnosticResult, Reading } from '../core/diagnostic.js';
