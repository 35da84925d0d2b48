import type { DeviceSummary, EnrolmentCodeResponse, RegisterDeviceResponse } from '@wms/protocol';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { devices, enrolmentCodes } from '../db/schema';
import { createApp } from '../app';
import { PokeHub } from '../sync/poke-hub';
import {
  aLoggedInDevice,
  aPick,
  aSeededAppPerFile,
  bodyOf,
  postJson,
  pull,
  push,
  TEST_SECRET,
} from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

describe.each(testDatabases())('enrolling handhelds by QR code on $name', (target) => {
  const fixture = aSeededAppPerFile(target);

  const newCode = async (token: string) =>
    bodyOf<EnrolmentCodeResponse>(
      await postJson(fixture.app, '/api/devices/enrolment-codes', {}, token),
    );
  const listOf = async (token: string) =>
    bodyOf<{ devices: DeviceSummary[] }>(
      await fixture.app.request('/api/devices', { headers: { authorization: `Bearer ${token}` } }),
    );

  it("a code registers one handheld into the admin's warehouse, once", async () => {
    const admin = await aLoggedInDevice(fixture.app, 'A-0001');
    const { code, warehouseId, expiresAt } = await newCode(admin.token);
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(warehouseId).toBe('GZ');
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    const res = await postJson(fixture.app, '/api/devices/register', {
      label: 'MC33-QR',
      enrolmentCode: code.toLowerCase(),
    });
    expect(res.status).toBe(201);
    const device = await bodyOf<RegisterDeviceResponse>(res);
    const [row] = await fixture.database.db
      .select()
      .from(devices)
      .where(eq(devices.id, device.deviceId));
    expect(row?.warehouseId).toBe('GZ');
    const again = await postJson(fixture.app, '/api/devices/register', {
      label: 'MC33-QR2',
      enrolmentCode: code,
    });
    expect(again.status).toBe(401);
    expect((await bodyOf(again)).error.code).toBe('enrolment_code_invalid');
    const login = await postJson(fixture.app, '/api/auth/login', {
      badge: 'P-0001',
      pin: '1234',
      ...device,
    });
    expect(login.status).toBe(200);
    const wrongWarehouse = await postJson(fixture.app, '/api/auth/login', {
      badge: 'P-0003',
      pin: '1234',
      ...device,
    });
    expect(wrongWarehouse.status).toBe(403);
    expect((await bodyOf(wrongWarehouse)).error.code).toBe('wrong_warehouse');
  });

  it('an expired or unknown code is refused and creates no device', async () => {
    const before = (await fixture.database.db.select().from(devices)).length;
    await fixture.database.db.insert(enrolmentCodes).values({
      code: 'EXPRD234',
      warehouseId: 'GZ',
      createdByUserId: 'u-gz-a1',
      expiresAt: new Date(Date.now() - 1000),
    });
    for (const enrolmentCode of ['EXPRD234', 'ABCDEFGH']) {
      const res = await postJson(fixture.app, '/api/devices/register', {
        label: 'late',
        enrolmentCode,
      });
      expect(res.status).toBe(401);
      expect((await bodyOf(res)).error.code).toBe('enrolment_code_invalid');
    }
    const malformed = await postJson(fixture.app, '/api/devices/register', {
      label: 'late',
      enrolmentCode: '0O1I',
    });
    expect(malformed.status).toBe(400);
    expect((await bodyOf(malformed)).error.fields?.[0]?.path).toBe('enrolmentCode');
    expect((await fixture.database.db.select().from(devices)).length).toBe(before);
  });

  it('with ENROLMENT_REQUIRED only an admin may sign in on a device registered without a code', async () => {
    const strict = createApp({
      db: fixture.database.db,
      pokes: new PokeHub(),
      authSecret: TEST_SECRET,
      tokenTtlMs: 3_600_000,
      pwaDist: null,
      now: () => new Date(),
      enrolmentRequired: true,
    });
    const res = await postJson(strict, '/api/devices/register', { label: 'no code' });
    expect(res.status).toBe(201);
    const device = await bodyOf<RegisterDeviceResponse>(res);
    const picker = await postJson(strict, '/api/auth/login', {
      badge: 'P-0002',
      pin: '1234',
      ...device,
    });
    expect(picker.status).toBe(401);
    expect((await bodyOf(picker)).error.code).toBe('enrolment_required');
    const admin = await postJson(strict, '/api/auth/login', {
      badge: 'A-0001',
      pin: '1234',
      ...device,
    });
    expect(admin.status).toBe(200);
    const { code } = await newCode((await bodyOf<{ token: string }>(admin)).token);
    const enrolled = await bodyOf<RegisterDeviceResponse>(
      await postJson(strict, '/api/devices/register', { label: 'by QR', enrolmentCode: code }),
    );
    const pickerOnEnrolled = await postJson(strict, '/api/auth/login', {
      badge: 'P-0002',
      pin: '1234',
      ...enrolled,
    });
    expect(pickerOnEnrolled.status).toBe(200);
  });

  it("supervisors see and revoke only their own warehouse's handhelds", async () => {
    const gzPicker = await aLoggedInDevice(fixture.app, 'P-0001');
    const cdPicker = await aLoggedInDevice(fixture.app, 'P-0003');
    const gzLead = await aLoggedInDevice(fixture.app, 'S-0001');
    const cdLead = await aLoggedInDevice(fixture.app, 'S-0002');
    const gzIds = (await listOf(gzLead.token)).devices.map((d) => d.id);
    expect(gzIds).toContain(gzPicker.deviceId);
    expect(gzIds).not.toContain(cdPicker.deviceId);
    const { devices: listed } = await listOf(gzLead.token);
    expect(listed.find((d) => d.id === gzPicker.deviceId)).toMatchObject({
      warehouseId: 'GZ',
      lastUserName: 'Li Wei',
      revokedAt: null,
      backlog: 0,
    });
    const across = await postJson(
      fixture.app,
      `/api/devices/${gzPicker.deviceId}/revoke`,
      {},
      cdLead.token,
    );
    expect(across.status).toBe(404);
    const [line] = (await pull(fixture.app, gzPicker)).lines;
    expect((await push(fixture.app, gzPicker, [aPick(gzPicker, line!, 1)])).status).toBe(200);
    const own = await postJson(
      fixture.app,
      `/api/devices/${gzPicker.deviceId}/revoke`,
      {},
      gzLead.token,
    );
    expect(own.status).toBe(200);
    const next = await push(fixture.app, gzPicker, [aPick(gzPicker, line!, 1)]);
    expect(next.status).toBe(401);
    expect(next.body.error?.code).toBe('device_revoked');
    expect(
      (await listOf(gzLead.token)).devices.find((d) => d.id === gzPicker.deviceId)?.revokedAt,
    ).not.toBeNull();
  });
});
