import * as p from '@wms/protocol';
import { z } from 'zod';
import * as r from './response-schemas';
import type { Operation } from './operations';

const replayed = z.object({ replayed: z.int().min(0) });

/** The reference itself, sign-in and sync of the handhelds, the console's waves and tasks, keys. */
export const HUB_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness: answers while the process runs',
    response: z.object({ status: z.literal('ok') }),
  },
  { method: 'get', path: '/api/openapi.json', summary: 'This document (OpenAPI 3.1)' },
  { method: 'get', path: '/api/docs', summary: 'The readable API reference', html: true },
  {
    method: 'post',
    path: '/api/auth/login',
    summary:
      'Sign in on a registered device with badge and PIN (a badge locks after repeated wrong PINs); rate-limited per address',
    body: p.loginRequestSchema,
    response: p.loginResponseSchema,
    refusals: [401, 403, 429],
  },
  {
    method: 'post',
    path: '/api/sync/push',
    summary:
      "A device's scan events, in seq order, answered event by event; a gap in seq is 409 seq_gap with the seq expected",
    body: p.pushRequestSchema,
    response: p.pushResponseSchema,
    refusals: [409],
  },
  {
    method: 'get',
    path: '/api/sync/pull',
    summary: "The device's waves and pick lines changed since ?cursor=",
    response: p.pullResponseSchema,
  },
  {
    method: 'get',
    path: '/api/sync/unlock-verifiers',
    summary:
      "The active supervisors and admins of the caller's warehouse with the PBKDF2 verifier their handhelds check a lead's PIN against offline (scanner settings)",
    response: p.unlockVerifiersResponseSchema,
  },
  {
    method: 'post',
    path: '/api/sync/stream-ticket',
    summary: 'A short-lived ticket for GET /api/sync/events (EventSource sends no headers)',
    response: p.streamTicketSchema,
  },
  {
    method: 'get',
    path: '/api/sync/events',
    summary: 'Server-sent pokes (event: poke) telling the device to pull; ?ticket= authenticates',
    stream: true,
  },
  {
    method: 'get',
    path: '/api/waves/{waveId}',
    response: r.waveDetailSchema,
    summary: 'One wave of your warehouse with its pick lines',
  },
  {
    method: 'post',
    path: '/api/waves/{waveId}/cancel',
    response: r.cancelledWaveSchema,
    summary: 'Cancel a wave: its orders go back to be waved again',
  },
  {
    method: 'get',
    path: '/api/tasks',
    summary: 'Open warehouse tasks of your warehouse (reprint a label, count a bin)',
    response: p.taskListResponseSchema,
  },
  {
    method: 'post',
    path: '/api/tasks/{taskId}/resolve',
    response: r.taskResolvedSchema,
    summary: 'Resolve a warehouse task',
    body: p.exceptionResolveSchema,
  },
  {
    method: 'post',
    path: '/api/tasks/{taskId}/assign',
    response: r.assignedSchema,
    summary: 'Give a warehouse task to a person of the warehouse',
    body: p.exceptionAssignSchema,
  },
  {
    method: 'get',
    path: '/api/exceptions',
    query: r.exceptionListQuery,
    response: r.exceptionListSchema,
    summary: 'Exceptions of your warehouse, newest first (?status=open|resolved, up to 500)',
  },
  {
    method: 'get',
    path: '/api/integration-keys',
    response: r.apiKeyListSchema,
    summary:
      "Integration keys of the admin's warehouse and the channel keys, without their secrets",
  },
  {
    method: 'post',
    path: '/api/integration-keys/{keyId}/revoke',
    summary: 'Revoke an integration key: it stops at once',
    response: z.object({ revoked: z.uuid() }),
  },
  {
    method: 'get',
    path: '/api/hub-settings',
    summary: 'The dedup window and safety level',
    response: p.hubSettingsSchema,
  },
  {
    method: 'post',
    path: '/api/webhooks/replay',
    summary: 'Send again every delivery created since a time (attempts start from zero)',
    body: z.strictObject({ since: p.isoTimeSchema }),
    response: replayed,
  },
];
