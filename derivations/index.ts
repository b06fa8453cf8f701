/** The catalogue: every encoded claim of ../shared/CLAIMS.md, grouped as there. */
import type { Claim, LawModel } from '../src/api/index.js';
import { flowClaims } from './flow.js';
import { katoClaims } from './kato.js';
import { shellClaims } from './shell.js';
import { diagClaims } from './diag.js';
import { dlnClaims } from './dln.js';
import { transportClaims } from './transport.js';
import { transportFigures, transportScalingClaims } from './transport-scaling.js';
import { doubleDescent } from './double-descent.js';
import { doubleDescentShells } from './double-descent-shells.js';
import { grsdClaims } from './grsd.js';
import { lazyModel, transportModel } from './transport-laws.js';
import { miClaims } from './mi.js';
import { miPlateauClaims } from './mi-plateaus.js';
import { quadTrainedClaims } from './quad-trained.js';
import { cascadeModel } from './mi-laws.js';
import { dlnModel } from './dln-laws.js';
import { lassoModel } from './diag-laws.js';
import { quadPhaseClaims } from './quad-phase.js';
import { nuclearModel } from './quad-laws.js';

export const claims: Claim<unknown>[] = [...flowClaims, ...katoClaims, ...shellClaims, ...transportClaims, ...transportScalingClaims, doubleDescent, doubleDescentShells, ...grsdClaims, ...diagClaims, ...quadTrainedClaims, ...quadPhaseClaims, ...dlnClaims, ...miClaims, ...miPlateauClaims] as Claim<unknown>[];

/** The exponent models of `scalecheck exponents`: the same formulas the scaling claims check. */
export const models: LawModel[] = [
  { ...lazyModel, figures: transportFigures },
  { ...transportModel, figures: transportFigures },
  cascadeModel, dlnModel, lassoModel, nuclearModel];
