import type { PickPayload } from '@wms/protocol';
import { checkInbound, INBOUND_TYPES, type InboundFindings } from './inbound-invariants';
import type { SimDatabase } from './sim-database';
import type { VirtualDevice } from './virtual-device';

export interface InvariantReport extends InboundFindings {
  eventsCreated: number;
  eventsStored: number;
  /** Created by a device, never stored. */
  lost: number;
  /** Stored more than once (by id or by incarnation+seq) — the unique keys make this 0 or an error. */
  duplicated: number;
  /** Stored, but no device created it. */
  unknown: number;
  /** Pick lines whose picked quantity or status differs from a replay of the stored events. */
  linesMismatched: number;
  /** Bins whose quantity differs from the initial stock minus every stored pick. */
  binsMismatched: number;
  /** Over-pick exceptions whose quantities do not add up to what was picked beyond the line. */
  overPicksMismatched: number;
  /** Devices still holding an event the server acknowledged, or holding any event at the end. */
  devicesWithLeftovers: number;
  /** Incarnations whose last stored seq differs from what their device created. */
  incarnationsMismatched: number;
  problems: string[];
}

/** The simulated devices pick (`pick@1`) or receive, check and put away (issue 23). */
interface StoredEvent {
  id: string;
  device_id: string;
  epoch: number;
  seq: number;
  type: string;
  outcome: string;
  payload: Record<string, unknown>;
}

interface StoredPick extends StoredEvent {
  payload: PickPayload;
}

/**
 * The claims, checked against the database after the network is back: every event every device
 * created is stored exactly once; lines, stock and over-pick exceptions equal a replay of the
 * stored events; inbound lines, tasks, units and the pool's inbound and physical equal a replay
 * too (`checkInbound`); no device keeps an event, acknowledged or not.
 */
export async function checkInvariants(
  db: SimDatabase,
  devices: readonly VirtualDevice[],
): Promise<InvariantReport> {
  const problems: string[] = [];
  const stored = await db.query<StoredEvent>(
    'select id, device_id, epoch, seq, type, outcome, payload from scan_events',
  );
  const created = devices.flatMap((d) => d.created.map((e) => ({ device: d, event: e })));
  for (const row of stored) {
    if (row.type !== 'pick@1' && !INBOUND_TYPES.has(row.type))
      problems.push(`event ${row.id} is a ${row.type}; the simulation picks and does inbound`);
  }
  const storedById = new Map<string, StoredEvent[]>();
  for (const row of stored) storedById.set(row.id, [...(storedById.get(row.id) ?? []), row]);
  const bySeq = new Set(stored.map((r) => `${r.device_id}/${r.epoch}/${r.seq}`));
  const report: InvariantReport = {
    eventsCreated: created.length,
    eventsStored: stored.length,
    lost: 0,
    duplicated: stored.length - storedById.size + (stored.length - bySeq.size),
    unknown: 0,
    linesMismatched: 0,
    binsMismatched: 0,
    overPicksMismatched: 0,
    devicesWithLeftovers: devices.filter(
      (d) => d.unsynced > 0 || d.pushedThroughSeq !== d.created.length,
    ).length,
    incarnationsMismatched: 0,
    ...(await checkInbound(db, stored, problems)),
    problems,
  };
  const createdIds = new Set(created.map((c) => c.event.id));
  for (const { device, event } of created) {
    const rows = storedById.get(event.id) ?? [];
    const row = rows[0];
    if (!row) {
      report.lost++;
      problems.push(`lost: ${device.badge} ${device.deviceId} seq ${event.seq}`);
    } else if (row.device_id !== device.deviceId || row.seq !== event.seq) {
      problems.push(`event ${event.id} stored under ${row.device_id}/${row.seq}`);
    }
  }
  report.unknown = stored.filter((r) => !createdIds.has(r.id)).length;
  await checkProjection(
    db,
    stored.filter((e): e is StoredPick => e.type === 'pick@1'),
    report,
  );
  await checkIncarnations(db, devices, report);
  return report;
}

async function checkProjection(
  db: SimDatabase,
  stored: readonly StoredPick[],
  report: InvariantReport,
) {
  const pickedPerLine = new Map<string, number>();
  for (const e of stored)
    pickedPerLine.set(
      e.payload.pickLineId,
      (pickedPerLine.get(e.payload.pickLineId) ?? 0) + e.payload.qty,
    );
  const lines = await db.query<{
    id: string;
    qty: number;
    picked_qty: number;
    status: string;
    over: number;
  }>(
    `select pl.id, pl.qty, pl.picked_qty, pl.status,
            coalesce((select sum(x.qty) from exceptions x where x.pick_line_id = pl.id and x.kind = 'over-pick'), 0)::int as over
     from pick_lines pl`,
  );
  for (const line of lines) {
    const total = pickedPerLine.get(line.id) ?? 0;
    const picked = Math.min(line.qty, total);
    const status = total >= line.qty ? 'picked' : 'open';
    if (line.picked_qty !== picked || line.status !== status) {
      report.linesMismatched++;
      report.problems.push(
        `line ${line.id}: ${line.picked_qty}/${line.status}, replay says ${picked}/${status}`,
      );
    }
    if (line.over !== Math.max(0, total - line.qty)) {
      report.overPicksMismatched++;
      report.problems.push(
        `line ${line.id}: over-pick exceptions ${line.over}, replay says ${Math.max(0, total - line.qty)}`,
      );
    }
  }
  const bins = await db.query<{
    bin_id: string;
    sku_id: string;
    qty: number;
    ledger: number;
    picks: number;
  }>(
    // Per bin and SKU over all its lots and statuses: what the ledger put there other than by
    // picks (the demo's initial stock, its lots and their corrections), less the stored picks.
    `select s.bin_id, s.sku_id, s.qty,
            coalesce((select sum(m.delta) from stock_movements m where m.bin_id = s.bin_id and m.sku_id = s.sku_id and m.reason <> 'pick'), 0)::int as ledger,
            coalesce((select count(*) from stock_movements m where m.bin_id = s.bin_id and m.sku_id = s.sku_id and m.reason = 'pick'), 0)::int as picks
     from (select bin_id, sku_id, sum(qty)::int as qty from stock group by 1, 2) s`,
  );
  const takenPerBin = new Map<string, number>();
  const lineBins = await db.query<{ id: string; bin_id: string; sku_id: string }>(
    'select id, bin_id, sku_id from pick_lines',
  );
  const binOfLine = new Map(lineBins.map((l) => [l.id, `${l.bin_id}/${l.sku_id}`]));
  for (const e of stored) {
    const key = binOfLine.get(e.payload.pickLineId);
    if (key) takenPerBin.set(key, (takenPerBin.get(key) ?? 0) + e.payload.qty);
  }
  for (const bin of bins) {
    const taken = takenPerBin.get(`${bin.bin_id}/${bin.sku_id}`) ?? 0;
    if (bin.qty !== bin.ledger - taken) {
      report.binsMismatched++;
      report.problems.push(
        `bin ${bin.bin_id} ${bin.sku_id}: ${bin.qty}, replay says ${bin.ledger - taken}`,
      );
    }
  }
}

async function checkIncarnations(
  db: SimDatabase,
  devices: readonly VirtualDevice[],
  report: InvariantReport,
) {
  const rows = await db.query<{ device_id: string; epoch: number; last_seq: number }>(
    'select device_id, epoch, last_seq from device_incarnations',
  );
  const lastSeq = new Map(rows.map((r) => [`${r.device_id}/${r.epoch}`, r.last_seq]));
  for (const device of devices) {
    const stored = lastSeq.get(`${device.deviceId}/${device.epoch}`);
    if (stored !== device.created.length) {
      report.incarnationsMismatched++;
      report.problems.push(
        `device ${device.deviceId}: server last seq ${stored}, device created ${device.created.length}`,
      );
    }
  }
}
