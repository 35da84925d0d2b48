import type { OrderInput } from '@wms/protocol';
import type { Db } from '../db/database';
import { anIntegrationKey } from './hub-fixtures';
import { aLoggedInDevice, bodyOf, postJson, pull } from './test-app';

type App = Parameters<typeof postJson>[0];

/**
 * An order as a warehouse's ERP sends it (a GZ key), waved to Li Wei (P-0001) by the lead
 * (S-0001): its pick lines as his handheld pulled them, not yet picked, so the test decides what
 * the handheld pushes (the picks alone, or with a pack in the same batch).
 */
export async function aWavedOrder(app: App, db: Db, order: OrderInput) {
  const key = await anIntegrationKey(db);
  const supervisor = (await aLoggedInDevice(app, 'S-0001')).token;
  const picker = await aLoggedInDevice(app, 'P-0001');
  const before = await pull(app, picker);
  const { orderId } = await bodyOf<{ orderId: string }>(
    await postJson(app, '/api/orders', order, key),
  );
  await postJson(app, '/api/waves/build', { maxOrders: 10, assignTo: picker.userId }, supervisor);
  const lines = (await pull(app, picker, before.cursor)).lines.filter((l) => l.orderId === orderId);
  return { orderId, key, supervisor, picker, lines };
}
