import type {
  Board,
  ErrorParams,
  ExceptionQueue,
  InboundAssign,
  InboundAssigned,
  InboundWork,
  Kpis,
  MoveWork,
  WaveAssign,
  WaveAssigned,
  WavePreview,
  LoginRequest,
  LoginResponse,
  PullResponse,
  PushRequest,
  PushResponse,
  RegisterDeviceRequest,
  RegisterDeviceResponse,
  PackOrder,
  ShipOrder,
  ShippedOrder,
  StreamTicket,
  UnlockVerifiers,
} from '@wms/protocol';
// The zod-free entry: the version travels with every request, before any schema is loaded.
import { PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER } from '@wms/protocol/protocol-version';
import { reportRequestResult } from './reachability';

/** `network`: the server was not reached. `http`: it answered with an error body. `bad-response`: it answered nonsense. */
export type ApiErrorKind = 'network' | 'http' | 'bad-response';

/** Every failed API call, typed so that callers can tell "offline" from "refused". */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status = 0,
    readonly code = '',
    readonly expectedSeq: number | undefined = undefined,
    /** What the device needs to word the error itself (`i18n/server-errors.ts`). */
    readonly params: ErrorParams = {},
  ) {
    super(message);
  }

  get isUnauthenticated(): boolean {
    return this.kind === 'http' && this.status === 401;
  }
}

interface Parser<T> {
  parse(input: unknown): T;
}

type ReplySchemas = typeof import('./protocol-runtime');
type ChooseParser<T> = (schemas: ReplySchemas) => Parser<T>;

interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT';
  token?: string;
  body?: unknown;
}

const API_BASE = '/api';
const GATEWAY_STATUSES = new Set([502, 503, 504]);

async function callApi<T>(
  path: string,
  options: RequestOptions,
  chooseParser: ChooseParser<T>,
): Promise<T> {
  const response = await send(path, options);
  // After the request: offline (at start-up) the schemas are not loaded and evaluated for nothing.
  const schemas = await import('./protocol-runtime');
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(response.status, json, schemas);
  try {
    return chooseParser(schemas).parse(json);
  } catch (error) {
    throw new ApiError(
      'bad-response',
      `unexpected reply from ${path}: ${String(error)}`,
      response.status,
    );
  }
}

async function send(path: string, { method, token, body }: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  try {
    const response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      cache: 'no-store',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    reportRequestResult(true);
    return response;
  } catch (error) {
    reportRequestResult(false);
    throw new ApiError('network', error instanceof Error ? error.message : String(error));
  }
}

function toApiError(status: number, json: unknown, { errorBodySchema }: ReplySchemas): ApiError {
  const parsed = errorBodySchema.safeParse(json);
  // A proxy or load balancer answering for a server it cannot reach: the server was not reached.
  if (!parsed.success && GATEWAY_STATUSES.has(status)) {
    reportRequestResult(false);
    return new ApiError('network', `HTTP ${status} from a gateway`, status);
  }
  if (!parsed.success) return new ApiError('http', `HTTP ${status}`, status);
  const { code, message, expectedSeq, params } = parsed.data.error;
  return new ApiError('http', message, status, code, expectedSeq, params);
}

const parcelPath = (orderId: string, parcelNo: number) =>
  `/orders/${encodeURIComponent(orderId)}/parcels/${parcelNo}`;

/** The server's API, one function per route of packages/protocol/README.md. */
export const api = {
  registerDevice(request: RegisterDeviceRequest): Promise<RegisterDeviceResponse> {
    return callApi(
      '/devices/register',
      { method: 'POST', body: request },
      (s) => s.registerDeviceResponseSchema,
    );
  },
  login(request: LoginRequest): Promise<LoginResponse> {
    return callApi('/auth/login', { method: 'POST', body: request }, (s) => s.loginResponseSchema);
  },
  push(token: string, request: PushRequest): Promise<PushResponse> {
    return callApi(
      '/sync/push',
      { method: 'POST', token, body: request },
      (s) => s.pushResponseSchema,
    );
  },
  /** Pulls a page; every request also reports how far the device has got (its backlog). */
  pull(token: string, cursor: string | undefined, highestLocalSeq: number): Promise<PullResponse> {
    const query = new URLSearchParams({ highestLocalSeq: String(highestLocalSeq) });
    if (cursor !== undefined) query.set('cursor', cursor);
    return callApi(`/sync/pull?${query}`, { method: 'GET', token }, (s) => s.pullResponseSchema);
  },
  /** Pack & ship (M1.6): the order must be fully picked; refusals carry the server's message. */
  ship(token: string, orderId: string, shipment: ShipOrder): Promise<ShippedOrder> {
    return callApi(
      `/orders/${encodeURIComponent(orderId)}/ship`,
      { method: 'POST', token, body: shipment },
      (s) => s.shippedOrderSchema,
    );
  },
  /** The pack bench (issue 22): an order's lines, weights, lots and parcels, by order id or tote. */
  packOrder(token: string, code: string): Promise<PackOrder> {
    return callApi(
      `/packing/orders/${encodeURIComponent(code)}`,
      { method: 'GET', token },
      (s) => s.packOrderSchema,
    );
  },
  /**
   * An e-waybill number for a parcel already on the server (issue 22); the reply is only checked
   * for success: the printed waybill carries the number.
   */
  requestWaybill(token: string, orderId: string, parcelNo: number): Promise<unknown> {
    return callApi(
      `${parcelPath(orderId, parcelNo)}/waybill`,
      { method: 'POST', token, body: {} },
      () => ({ parse: (json) => json }),
    );
  },
  /** The parcel's printable waybill, as a PDF (404 while it has no number). */
  async waybillPdf(token: string, orderId: string, parcelNo: number): Promise<Blob> {
    const response = await send(`${parcelPath(orderId, parcelNo)}/waybill.pdf`, {
      method: 'GET',
      token,
    });
    if (response.ok) return response.blob();
    const schemas = await import('./protocol-runtime');
    throw toApiError(response.status, await response.json().catch(() => null), schemas);
  },
  /** Supervisor console (M2.2): the live board of the caller's warehouse. */
  board(token: string): Promise<Board> {
    return callApi('/console/board', { method: 'GET', token }, (s) => s.boardSchema);
  },
  /** What moving a wave would do: the picker's backlog and last seen, lines moving (M2.1). */
  movePreview(token: string, waveId: string, mode: WaveAssign['mode']): Promise<WavePreview> {
    return callApi(
      `/waves/${encodeURIComponent(waveId)}/move-preview?mode=${mode}`,
      { method: 'GET', token },
      (s) => s.wavePreviewSchema,
    );
  },
  exceptionQueue(token: string): Promise<ExceptionQueue> {
    return callApi('/exceptions/queue', { method: 'GET', token }, (s) => s.exceptionQueueSchema);
  },
  kpis(token: string): Promise<Kpis> {
    return callApi('/console/kpis', { method: 'GET', token }, (s) => s.kpisSchema);
  },
  /** An action on a queue item: the reply is only checked for success. */
  queueAction(token: string, path: string, body: unknown): Promise<unknown> {
    return callApi(path, { method: 'POST', token, body }, () => ({ parse: (json) => json }));
  },
  streamTicket(token: string): Promise<StreamTicket> {
    return callApi('/sync/stream-ticket', { method: 'POST', token }, (s) => s.streamTicketSchema);
  },
  /** The warehouse's leads and their PIN verifiers: the scanner settings unlock offline. */
  unlockVerifiers(token: string): Promise<UnlockVerifiers> {
    return callApi(
      '/sync/unlock-verifiers',
      { method: 'GET', token },
      (s) => s.unlockVerifiersResponseSchema,
    );
  },
  /** Inbound (issue 23): open notices, QC and put-away tasks, suppliers of the warehouse. */
  inboundWork(token: string): Promise<InboundWork> {
    return callApi('/inbound/work', { method: 'GET', token }, (s) => s.inboundWorkSchema);
  },
  /** Gives a QC or put-away task (`kind: 'task'`) or a notice's receiving to a picker, or nobody. */
  assignInbound(
    token: string,
    kind: 'task' | 'notice',
    id: string,
    assign: InboundAssign,
  ): Promise<InboundAssigned> {
    return callApi(
      `/inbound/${kind === 'task' ? 'tasks' : 'notices'}/${encodeURIComponent(id)}/assign`,
      { method: 'POST', token, body: assign },
      (s) => s.inboundAssignedSchema,
    );
  },
  /** Moves on the handheld (issue 16): bins, SKUs and free stock to move offline. */
  moveWork(token: string): Promise<MoveWork> {
    return callApi('/moves/work', { method: 'GET', token }, (s) => s.moveWorkSchema);
  },
  assignWave(token: string, waveId: string, move: WaveAssign): Promise<WaveAssigned> {
    return callApi(
      `/waves/${encodeURIComponent(waveId)}/assign`,
      { method: 'POST', token, body: move },
      (s) => s.waveAssignedSchema,
    );
  },
};

export type Api = typeof api;

/**
 * The SSE address for live pokes. EventSource cannot send headers, so the credential goes in the
 * URL: a short-lived stream ticket (`api.streamTicket`), never the session token.
 */
export function pokeStreamUrl(ticket: string): string {
  return `${API_BASE}/sync/events?ticket=${encodeURIComponent(ticket)}&protocolVersion=${PROTOCOL_VERSION}`;
}
