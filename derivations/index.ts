/** The catalogue: every encoded claim of ../shared/CLAIMS.md, grouped as there. */
import type { Claim } from '../src/core/claim.js';
import type { LawModel } from '../src/core/laws.js';
import { flowClaims } from './flow.js';
import { katoClaims } from './kato.js';
import { shellClaims } from './shell.js';
import { diagClaims } from './diag.js';
import { dlnClaims } from './dln.js';
import { transportClaims } from './transport.js';
import { grsdClaims } from './grsd.js';

export const claims: Claim<unknown>[] = [...flowClaims, ...katoClaims, ...shellClaims, ...transportClaims, ...grsdClaims, ...diagClaims, ...dlnClaims] as Claim<unknown>[];

/** The exponent models of `scalecheck exponents`: the same formulas the scaling claims check. */
export const models: LawModel[] = [];
