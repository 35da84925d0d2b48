import { describe, expect, it } from 'vitest';
import { runChaos } from './chaos-run';

/**
 * A small chaos run inside `npm test` (the full one: `npm run chaos`). It fails if a single event
 * is lost, stored twice, or left on a device, or if lines and stock differ from a replay; two of
 * the six handhelds receive, check and put away (issue 23), and inbound lines, tasks, units and
 * the pool's inbound and physical must equal a replay too.
 */
describe('sync under network faults and server crashes', () => {
  it('stores every event of every device exactly once and the state equals a replay', async () => {
    const result = await runChaos({
      devices: 6,
      events: 180,
      faults: 0.25,
      crashes: 1,
      seed: 7,
      postgresUrl: process.env.DATABASE_URL ?? null,
      scanMs: 20,
      requestTimeoutMs: 2000,
    });
    const { invariants: found } = result;
    expect(found.problems).toEqual([]);
    expect(found).toMatchObject({
      eventsCreated: 180,
      eventsStored: 180,
      lost: 0,
      duplicated: 0,
      unknown: 0,
      linesMismatched: 0,
      binsMismatched: 0,
      overPicksMismatched: 0,
      devicesWithLeftovers: 0,
      incarnationsMismatched: 0,
      inboundLinesMismatched: 0,
      inboundTasksMismatched: 0,
      inboundUnitsMismatched: 0,
      poolInboundMismatched: 0,
      poolPhysicalMismatched: 0,
    });
    // Two handhelds of six did inbound work: a third of the events, give or take.
    expect(found.inboundEvents).toBeGreaterThan(30);
    expect(result.regressions).toBe(0);
    expect(result.crashes).toBe(1);
    expect(Object.values(result.faultsInjected).reduce((a, b) => a + (b ?? 0), 0)).toBeGreaterThan(
      10,
    );
  }, 240_000);
});
