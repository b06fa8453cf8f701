/** The catalogue: every encoded claim of ../shared/CLAIMS.md, grouped as there. */
import type { Claim } from '../src/core/claim.js';
import { flowClaims } from './flow.js';
import { katoClaims } from './kato.js';
import { shellClaims } from './shell.js';

export const claims: Claim<unknown>[] = [...flowClaims, ...katoClaims, ...shellClaims] as Claim<unknown>[];
