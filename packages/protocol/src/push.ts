import { z } from 'zod';
import { uuidSchema } from './codes';
import { scanEventSchema } from './scan-event';

export const MAX_PUSH_EVENTS = 500;

/**
 * `POST /api/sync/push`. Events in ascending `seq` order without holes. Events already stored
 * may be sent again (a lost reply): they are recognised and answered as before.
 */
export const pushRequestSchema = z
  .strictObject({
    deviceId: uuidSchema,
    epoch: z.int().min(1),
    /** The highest seq the device has allocated, pushed or not: the server learns the backlog. */
    highestLocalSeq: z.int().min(0),
    events: z.array(scanEventSchema).max(MAX_PUSH_EVENTS),
  })
  .check((ctx) => {
    const { events, highestLocalSeq } = ctx.value;
    events.forEach((event, i) => {
      const previous = events[i - 1];
      if (previous && event.seq !== previous.seq + 1) {
        ctx.issues.push({
          code: 'custom',
          input: event.seq,
          path: ['events', i, 'seq'],
          message: `seq ${event.seq} does not follow ${previous.seq}: send events in seq order without holes`,
        });
      }
      if (event.seq > highestLocalSeq) {
        ctx.issues.push({
          code: 'custom',
          input: event.seq,
          path: ['events', i, 'seq'],
          message: `seq ${event.seq} is above highestLocalSeq ${highestLocalSeq}`,
        });
      }
    });
  });

/**
 * What the server made of each event. `applied`: counted on its line. `over-pick`: stored, the
 * line was already complete, an exception tells a supervisor to return the extra units.
 * `stale-assignment`: stored and counted, but the wave had moved to another picker.
 */
export const eventOutcomeSchema = z.enum([
  'applied',
  'over-pick',
  'stale-assignment',
  'unknown-line',
  /** Inbound (v5): stored and counted; more than the notice expected (or a SKU it did not list). */
  'over-receipt',
  /**
   * A move (v6): stored, nothing moved: the source bin had fewer units of that SKU and lot free
   * (held and not planned for open waves) than the move took. The device tells the worker.
   */
  'move-refused',
]);

export const pushResponseSchema = z.object({
  /** Every event with seq ≤ this is stored; the device may stop sending them. */
  ackedThroughSeq: z.int().min(0),
  results: z.array(z.object({ seq: z.int(), outcome: eventOutcomeSchema })),
});

export type PushRequest = z.infer<typeof pushRequestSchema>;
export type PushResponse = z.infer<typeof pushResponseSchema>;
export type EventOutcome = z.infer<typeof eventOutcomeSchema>;
