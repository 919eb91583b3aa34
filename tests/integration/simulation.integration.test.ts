/**
 * Property-based, fault-injecting simulation of protocol v1 (see
 * docs/sync-guarantees.md): 2-8 devices with skewed clocks (up to three
 * days off) make random ticks, corrections, target edits, new targets and
 * deletes against the REAL server code and the REAL device storage and
 * sync engine, through a network that drops, duplicates, reorders and
 * delays, with device and server restarts. After the network heals, the
 * invariants in sim/model.ts must hold on every run.
 *
 *   SIM_RUNS=500 (default)    how many seeded runs
 *   SIM_RUNS=10000            the long soak (about an hour on two cores)
 *   SIM_SEED=<n> [SIM_PATH=<p>]  replay a failing run exactly (fast-check
 *                             prints both when a run fails)
 *   SIM_COMMANDS=<n>          most commands per run (default 80)
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { checkInvariants, heal, runCommand, scenarioArb, stats, type Ledger } from './sim/model';
import { createWorld, makeTemplate } from './sim/world';

const RUNS = Number(process.env.SIM_RUNS ?? 500);
const SEED = process.env.SIM_SEED === undefined ? undefined : Number(process.env.SIM_SEED);
const PATH = process.env.SIM_PATH;
const MAX_COMMANDS = Number(process.env.SIM_COMMANDS ?? 80);

describe('sync simulation: devices, skewed clocks and a faulty network', () => {
  let template: Awaited<ReturnType<typeof makeTemplate>>;
  let run = 0;

  beforeAll(async () => {
    template = await makeTemplate();
  });
  afterAll(() => template?.dispose());

  it(
    `keeps every invariant over ${RUNS} seeded runs`,
    async () => {
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(scenarioArb(MAX_COMMANDS), async (scenario) => {
          const world = await createWorld({
            template: template.file,
            run: run++,
            skews: scenario.skews,
          });
          const ledger: Ledger = { made: new Map(), counter: 0 };
          try {
            for (const device of world.devices) {
              if (scenario.primed[device.index]) await device.engine.sync();
            }
            for (const command of scenario.commands) await runCommand(world, ledger, command);
            await heal(world);
            await checkInvariants(world, ledger);
          } catch (error) {
            if (process.env.SIM_VERBOSE) console.log(world.log.join('\n'));
            throw error;
          } finally {
            await world.dispose();
          }
        }),
        {
          numRuns: RUNS,
          ...(SEED === undefined ? {} : { seed: SEED }),
          ...(PATH ? { path: PATH, endOnFailure: true } : {}),
          verbose: 0,
        },
      );
      console.log(
        `simulation: ${RUNS} runs in ${((Date.now() - started) / 1000).toFixed(1)} s;`,
        `${stats.mutations} mutations (${stats.refused} refused), ${stats.answers} push answers,`,
        `${stats.faults} injected faults, ${stats.late} late deliveries at heal, ${stats.restarts} restarts`,
      );
    },
    60 * 60_000,
  );
});
