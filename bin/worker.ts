import { readModulesOneAtATime } from './sync-load.js';

// the same claim set as the main thread (its workerData: claim files, catalogue or not), loaded the same way (see sync-load.ts)
readModulesOneAtATime();
const { serveClaims } = await import('../src/cli/serve.js');
const { workerClaims } = await import('../src/cli/load.js');
serveClaims(await workerClaims(async () => (await import('../derivations/index.js')).claims));
