import type {
  Board,
  InboundWork,
  MoveWork,
  StockMovedPayload,
  PickLine,
  RemovedWave,
  ScanEvent,
  SessionUser,
  UnlockVerifiers,
  Wave,
} from '@wms/protocol';
import type { SyncFailure } from '../sync/sync-failure';
import { Dexie, type Table } from 'dexie';
import { chunkWaveLines } from './line-chunks';

/** The device incarnation the server issued; mirrored in localStorage (see device-identity.ts). */
export interface DeviceIdentity {
  deviceId: string;
  epoch: number;
  deviceSecret: string;
}

export interface Session {
  token: string;
  user: SessionUser;
  expiresAt: string;
}

/** A wave taken away from this device by a pull, told to the picker until dismissed. */
export interface WaveNotice {
  id: string;
  waveId: string;
  waveCode: string | null;
  /**
   * Why: the wave left this device, one order was pulled out of it (`order-pulled`), or some of
   * its lines went to another picker (`lines-moved`).
   */
  /** A wave that left because it was `finished` is not told (apply-pull.ts). */
  reason: Exclude<RemovedWave['reason'], 'finished'> | 'order-pulled' | 'lines-moved';
  assignedTo: string | null;
  /** For a reassigned wave: how many of this picker's picks on it the server kept (credited to them). */
  keptPicks?: number;
  /** For `lines-moved`: how many of the wave's lines left this device. */
  movedLines?: number;
  /** The order pulled out of the wave (held or cancelled after it was waved). */
  orderId?: string;
  /** What was picked for a cancelled wave and must go back to its bins ("stop, put back"). */
  putBack?: PutBackItem[];
}

export interface PutBackItem {
  binCode: string;
  skuName: string;
  skuNameZh: string;
  qty: number;
  /** The line the units were picked for and its SKU: what put-back@1 reports (absent on notices stored before it). */
  pickLineId?: string;
  skuId?: string;
  /** The lot read from the label when this device picked the units. */
  lot?: string;
}

/** Everything the device keeps in the `meta` table, by key. */
/** The supervisor console's last board, kept to read offline (marked stale with its age). */
export interface CachedBoard {
  board: Board;
  fetchedAt: string;
}

export interface MetaValues {
  consoleBoard: CachedBoard;
  deviceIdentity: DeviceIdentity;
  session: Session;
  /** The opaque pull cursor of the last applied page. */
  cursor: string;
  /** Every event with seq ≤ this is stored on the server (the last push reply). */
  pushedThroughSeq: number;
  /** Every event with seq ≤ this is reflected in the server state held here (the last pull). */
  reflectedThroughSeq: number;
  /** The seq the next event gets: 1, 2, 3… without gaps within this incarnation. */
  nextSeq: number;
  lastSyncAt: string;
  lastSyncError: SyncFailure | null;
  notices: WaveNotice[];
  /** Per wave, how many of its lines a supervisor moved off this device (kept after the notice). */
  movedOff: Record<string, number>;
  /** The last write to `lines` (see line-cache.ts). */
  linesStamp: LinesStamp;
  /** Cluster picking: per wave, the tote scanned for each order (orderId → tote code). */
  totes: Record<string, Record<string, string>>;
  /** Inbound (issue 23): the work last downloaded, and the events it already reflects. */
  inboundWork: CachedInboundWork;
  /** Moves (issue 16): the stock last downloaded to move offline, and the events it reflects. */
  moveWork: CachedMoveWork;
  /** Moves the server refused (the source had fewer units free), told until dismissed. */
  moveRefusals: MoveRefusal[];
  /** The warehouse's leads as last fetched: their PINs unlock the scanner settings offline. */
  unlockVerifiers: CachedUnlockVerifiers;
}

/** `GET /api/moves/work` as last fetched: it reflects every event with seq ≤ `reflectsThroughSeq`. */
export interface CachedMoveWork {
  work: MoveWork;
  reflectsThroughSeq: number;
  fetchedAt: string;
}

/** A `stock-moved@1` answered `move-refused`: shown and said once, kept until dismissed. */
export interface MoveRefusal {
  eventId: string;
  move: StockMovedPayload;
  skuName: string;
  skuNameZh: string;
  spoken: boolean;
}

/** `GET /api/sync/unlock-verifiers` as last fetched, for the warehouse it was fetched in. */
export interface CachedUnlockVerifiers {
  warehouseId: string;
  verifiers: UnlockVerifiers['verifiers'];
  fetchedAt: string;
}

/** `GET /api/inbound/work` as last fetched: it reflects every event with seq ≤ `reflectsThroughSeq`. */
export interface CachedInboundWork {
  work: InboundWork;
  reflectsThroughSeq: number;
  fetchedAt: string;
}

/** A write to `lines`: what it touched, and the write before it (null: cleared, start afresh). */
export interface LinesStamp {
  id: string;
  previous: string | null;
  waveIds: string[];
  lineIds: string[];
}

/**
 * A run of one wave's server lines, stored as one record (`id` is `waveId#n`): IndexedDB costs
 * about the same per request whatever its size, so 10,000 lines as 10,000 records took seconds
 * on a slow handheld. See line-chunks.ts.
 */
export interface LineChunk {
  id: string;
  waveId: string;
  lines: PickLine[];
}

/** Where each stored line of a wave is: `chunkNos[i]` is the chunk holding `lineIds[i]`. */
export interface WaveLineDirectory {
  waveId: string;
  lineIds: string[];
  chunkNos: number[];
}

export type MetaKey = keyof MetaValues;
export type MetaRow = { [K in MetaKey]: { key: K; value: MetaValues[K] } }[MetaKey];

export const DATABASE_NAME = 'wms-picking';

/**
 * The device's database: the server's copy of its waves and lines, the outbox of scan events not
 * yet known to be stored and reflected by the server, and `meta`.
 */
export class WmsDatabase extends Dexie {
  declare meta: Table<MetaRow, MetaKey>;
  declare waves: Table<Wave, string>;
  declare lineChunks: Table<LineChunk, string>;
  declare lineDirectory: Table<WaveLineDirectory, string>;
  declare outbox: Table<ScanEvent, number>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
      meta: 'key',
      waves: 'id, assignedUserId',
      lines: 'id, waveId',
      outbox: 'seq, &id',
    });
    // Version 2: every write to `lines` stamps meta.linesStamp (line-cache.ts). The new version
    // closes a tab still running the old code, which would write lines without the stamp.
    this.version(2).stores({});
    // Version 3: lines stored in chunks of a wave, with a directory per wave (line-chunks.ts);
    // version 4 drops the table of one record per line once its lines are copied.
    this.version(3)
      .stores({ lineChunks: 'id, waveId', lineDirectory: 'waveId' })
      .upgrade(async (transaction) => {
        const lines = await transaction.table<PickLine, string>('lines').toArray();
        const { chunks, directories } = chunkWaveLines(lines);
        await transaction.table('lineChunks').bulkAdd(chunks);
        await transaction.table('lineDirectory').bulkAdd(directories);
      });
    this.version(4).stores({ lines: null });
  }
}

export const db = new WmsDatabase();

/**
 * Another tab opened a newer version of the database (after an app update): close ours so that
 * it can upgrade, and let the picker reload. Nothing is lost: every pick is already committed.
 */
export function closeOnVersionChange(database: WmsDatabase, onClosed: () => void): void {
  database.on('versionchange', () => {
    database.close();
    onClosed();
    return false;
  });
}
