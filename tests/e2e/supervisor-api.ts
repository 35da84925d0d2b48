import {
  boardSchema,
  type Board,
  enrolmentCodeResponseSchema,
  loginResponseSchema,
  packOrderSchema,
  type PackOrder,
  pullResponseSchema,
  registerDeviceResponseSchema,
  taskListResponseSchema,
  type PickLine,
  type Wave,
  type WarehouseTask,
} from '@wms/protocol';

/** A wave as the supervisor route `GET /api/waves/:waveId` shows it (the parts tests check). */
export interface WaveDetail {
  wave: { id: string; code: string; status: string };
  lines: {
    id: string;
    orderId: string;
    skuId: string;
    qty: number;
    pickedQty: number;
    status: string;
  }[];
  events: { id: string; deviceId: string; epoch: number; seq: number; outcome: string }[];
  exceptions: unknown[];
}

export interface OpenException {
  kind: string;
  qty: number | null;
  message: string;
}

export interface SupervisorApi {
  /** Any API call with this lead's token (admin lists, user edits); the JSON answer. */
  raw(path: string, init?: RequestInit): Promise<unknown>;
  wavesInWarehouse(): Promise<Wave[]>;
  waveDetail(waveId: string): Promise<WaveDetail>;
  openExceptions(): Promise<OpenException[]>;
  /** Holds an order for review (M4): if it is in a wave, it is pulled out of it. */
  holdOrder(orderId: string, reason: string): Promise<void>;
  /** The lines of every wave in the warehouse, as supervisors pull them (with check digits). */
  linesInWarehouse(): Promise<PickLine[]>;
  openTasks(): Promise<WarehouseTask[]>;
  /** Gives a wave (or part of it) to a picker: `POST /api/waves/:waveId/assign`. */
  assignWave(waveId: string, userId: string, mode?: 'wave' | 'remaining' | 'split'): Promise<void>;
  /** The console's live board: `GET /api/console/board`. */
  board(): Promise<Board>;
  /** A fresh QR enrolment code (admins only): `POST /api/devices/enrolment-codes`. */
  issueEnrolmentCode(): Promise<string>;
  /** Units of `skuId` in a bin, as the bin stock says (`GET /api/inventory/bins/:binCode`). */
  binStock(binCode: string, skuId: string): Promise<number>;
  /** What the pack bench gets for an order (issue 22): `GET /api/packing/orders/:code`. */
  packOrder(code: string): Promise<PackOrder>;
  /** An order's trace steps: `GET /api/orders/:orderId/trace`. */
  orderSteps(orderId: string): Promise<{ kind: string; detail: Record<string, unknown> }[]>;
}

/** Signs a supervisor in on a device of its own, through the same API the PWA uses. */
export async function signInSupervisor(
  baseUrl: string,
  badge = 'S-0001',
  pin = '1234',
): Promise<SupervisorApi> {
  const call = async (path: string, init: RequestInit = {}, token?: string): Promise<unknown> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(new URL(path, baseUrl), { ...init, headers });
    const body: unknown = await response.json();
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
  const post = (path: string, body: unknown) =>
    call(path, { method: 'POST', body: JSON.stringify(body) });

  const identity = registerDeviceResponseSchema.parse(
    await post('/api/devices/register', { label: 'e2e-supervisor' }),
  );
  const { token } = loginResponseSchema.parse(
    await post('/api/auth/login', { badge, pin, ...identity }),
  );

  return {
    async raw(path: string, init: RequestInit = {}) {
      return call(path, init, token);
    },
    async wavesInWarehouse() {
      const waves: Wave[] = [];
      let cursor: string | undefined;
      for (;;) {
        const query = cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`;
        const page = pullResponseSchema.parse(await call(`/api/sync/pull${query}`, {}, token));
        waves.push(...page.waves);
        cursor = page.cursor;
        if (!page.hasMore) return waves;
      }
    },
    async linesInWarehouse() {
      const lines: PickLine[] = [];
      let cursor: string | undefined;
      for (;;) {
        const query = cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`;
        const page = pullResponseSchema.parse(await call(`/api/sync/pull${query}`, {}, token));
        lines.push(...page.lines);
        cursor = page.cursor;
        if (!page.hasMore) return lines;
      }
    },
    async openTasks() {
      return taskListResponseSchema.parse(await call('/api/tasks', {}, token)).tasks;
    },
    async issueEnrolmentCode() {
      return enrolmentCodeResponseSchema.parse(
        await call('/api/devices/enrolment-codes', { method: 'POST' }, token),
      ).code;
    },
    async binStock(binCode: string, skuId: string) {
      const body = (await call(
        `/api/inventory/bins/${encodeURIComponent(binCode)}`,
        {},
        token,
      )) as {
        stock: { skuId: string; qty: number }[];
      };
      return body.stock.find((s) => s.skuId === skuId)?.qty ?? 0;
    },
    async packOrder(code: string) {
      return packOrderSchema.parse(
        await call(`/api/packing/orders/${encodeURIComponent(code)}`, {}, token),
      );
    },
    async orderSteps(orderId: string) {
      const body = (await call(`/api/orders/${encodeURIComponent(orderId)}/trace`, {}, token)) as {
        timeline: { kind: string; detail: Record<string, unknown> }[];
      };
      return body.timeline;
    },
    async waveDetail(waveId: string) {
      return (await call(`/api/waves/${encodeURIComponent(waveId)}`, {}, token)) as WaveDetail;
    },
    async holdOrder(orderId: string, reason: string) {
      await call(
        `/api/holds/orders/${encodeURIComponent(orderId)}`,
        { method: 'POST', body: JSON.stringify({ reason }) },
        token,
      );
    },
    async assignWave(waveId: string, userId: string, mode = 'wave') {
      await call(
        `/api/waves/${encodeURIComponent(waveId)}/assign`,
        { method: 'POST', body: JSON.stringify({ userId, mode }) },
        token,
      );
    },
    async board() {
      return boardSchema.parse(await call('/api/console/board', {}, token));
    },
    async openExceptions() {
      const body = (await call('/api/exceptions?status=open', {}, token)) as {
        exceptions: OpenException[];
      };
      return body.exceptions;
    },
  };
}
