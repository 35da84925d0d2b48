import {
  OLDEST_READABLE_PROTOCOL_VERSION,
  PRE_HEADER_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
} from '@wms/protocol';
import { createMiddleware } from 'hono/factory';
import { ApiError } from './api-error';

/** The protocol versions a server reads, oldest to newest. */
export interface ReadableProtocol {
  oldest: number;
  newest: number;
}

export const READABLE_PROTOCOL: ReadableProtocol = {
  oldest: OLDEST_READABLE_PROTOCOL_VERSION,
  newest: PROTOCOL_VERSION,
};

/**
 * Refuses a request in a protocol version this server cannot read with 426
 * `app_update_required`, before anything of it is read or stored: the device keeps its outbox,
 * updates the app and sends it then. A device that sends no header speaks version 3 on the
 * sync routes; elsewhere (integrations, curl) no header means the current API.
 */
export function checkProtocolVersion(readable: ReadableProtocol = READABLE_PROTOCOL) {
  return createMiddleware(async (c, next) => {
    // An EventSource cannot send headers: the poke stream names its version in the query.
    const header = c.req.header(PROTOCOL_VERSION_HEADER) ?? c.req.query('protocolVersion');
    const version =
      header !== undefined
        ? Number(header)
        : c.req.path.startsWith('/api/sync/')
          ? PRE_HEADER_PROTOCOL_VERSION
          : undefined;
    if (
      version !== undefined &&
      !(Number.isInteger(version) && version >= readable.oldest && version <= readable.newest)
    ) {
      throw new ApiError(
        426,
        'app_update_required',
        `This server reads protocol versions ${readable.oldest} to ${readable.newest}, not ${header ?? version}: update the app (its unsent scans are kept)`,
        {
          params: {
            deviceVersion: header ?? String(version),
            oldest: readable.oldest,
            newest: readable.newest,
          },
        },
      );
    }
    await next();
  });
}
