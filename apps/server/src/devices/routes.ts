import { registerDeviceRequestSchema, renameDeviceSchema, uuidSchema } from '@wms/protocol';
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
    .post('/register', async (c) => {
      const request = await parseBody(c, registerDeviceRequestSchema);
      return c.json(await registerDevice(deps.db, request, { now: deps.now() }), 201);
    })
    .get('/', leads, async (c) =>
      c.json({ devices: await listDevices(deps.db, c.get('session').warehouseId) }),
    )
    .post('/enrolment-codes', admin, async (c) =>
      c.json(await createEnrolmentCode(deps.db, c.get('session'), deps.now()), 201),
    )
    .put('/:deviceId', admin, async (c) => {
      const deviceId = pathParam(c, 'deviceId', uuidSchema);
      const { label } = await parseBody(c, renameDeviceSchema);
      return c.json(await renameDevice(deps.db, c.get('session').warehouseId, deviceId, label));
    })
    .post('/:deviceId/revoke', leads, async (c) => {
      const deviceId = pathParam(c, 'deviceId', uuidSchema);
      return c.json(
        await revokeDevice(deps.db, c.get('session').warehouseId, deviceId, deps.now()),
      );
    });
}
