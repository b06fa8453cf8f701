import { readModulesOneAtATime } from './sync-load.js';

// the same catalogue as the main thread, loaded the same way (see sync-load.ts)
readModulesOneAtATime();
const { serveClaims } = await import('../src/cli/serve.js');
const { claims } = await import('../derivations/index.js');
serveClaims(claims);
