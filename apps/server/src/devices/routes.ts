import { documented } from '../api-docs/documented';
import { renamedDeviceSchema, revokedDeviceSchema } from '../api-docs/response-schemas';
import {
  registerDeviceRequestSchema,
  renameDeviceSchema,
  uuidSchema,
  registerDeviceResponseSchema,
  deviceListSchema,
  enrolmentCodeResponseSchema,
} from '@wms/protocol';
import { Hono } from 'hono';
import type { AppDeps } from '../http/app-deps';
import { requireSession, type SessionEnv } from '../auth/require-session';
import { parseBody, pathParam } from '../http/parse-input';
import { createEnrolmentCode } from './enrolment-codes';
import { listDevices } from './list-devices';
import { renameDevice, revokeDevice } from './revoke-device';
import { registerDevice } from './register-device';

export function deviceRoutes(deps: AppDeps) {
  const leads = requireSession(deps.authSecret, ['supervisor', 'admin']);
  const admin = requireSession(deps.authSecret, ['admin']);
  return new Hono<SessionEnv>()
    .post(
      '/register',
      documented({
        status: 201,
        refusals: [401, 403, 429],
        summary:
          'Register a handheld, with the enrolment code of the admin QR (with ENROLMENT_REQUIRED, only admins may sign in on a device without one)',
        body: registerDeviceRequestSchema,
        response: registerDeviceResponseSchema,
      }),
      async (c) => {
        const request = await parseBody(c, registerDeviceRequestSchema);
        return c.json(await registerDevice(deps.db, request, { now: deps.now() }), 201);
      },
    )
    .get(
      '/',
      documented({
        summary: "The handhelds of the caller's warehouse, with their backlog",
        response: deviceListSchema,
      }),
      leads,
      async (c) => c.json({ devices: await listDevices(deps.db, c.get('session').warehouseId) }),
    )
    .post(
      '/enrolment-codes',
      documented({
        status: 201,
        summary:
          "A single-use enrolment code (10 minutes) for the admin's warehouse, shown as a QR",
        response: enrolmentCodeResponseSchema,
      }),
      admin,
      async (c) => c.json(await createEnrolmentCode(deps.db, c.get('session'), deps.now()), 201),
    )
    .put(
      '/:deviceId',
      documented({
        response: renamedDeviceSchema,
        summary: 'Rename a handheld',
        body: renameDeviceSchema,
      }),
      admin,
      async (c) => {
        const deviceId = pathParam(c, 'deviceId', uuidSchema);
        const { label } = await parseBody(c, renameDeviceSchema);
        return c.json(await renameDevice(deps.db, c.get('session').warehouseId, deviceId, label));
      },
    )
    .post(
      '/:deviceId/revoke',
      documented({
        response: revokedDeviceSchema,
        summary: "Revoke a lost handheld of the caller's warehouse: its tokens stop at once",
      }),
      leads,
      async (c) => {
        const deviceId = pathParam(c, 'deviceId', uuidSchema);
        return c.json(
          await revokeDevice(deps.db, c.get('session').warehouseId, deviceId, deps.now()),
        );
      },
    );
}
