/**
 * The runtime values of @wms/protocol the device needs: reply schemas and wire constants.
 * Loaded on first use (dynamic import), never at startup: importing any value from the protocol
 * package pulls in zod, a fifth of the bundle, and the login screen must paint first.
 * Everything else imports only types from '@wms/protocol'.
 */
export {
  boardSchema,
  exceptionQueueSchema,
  kpisSchema,
  wavePreviewSchema,
  waveAssignedSchema,
  errorBodySchema,
  loginResponseSchema,
  MAX_PUSH_EVENTS,
  POKE_EVENT,
  pullResponseSchema,
  pushResponseSchema,
  registerDeviceResponseSchema,
  shippedOrderSchema,
  packOrderSchema,
  streamTicketSchema,
  inboundWorkSchema,
  inboundAssignedSchema,
  moveWorkSchema,
  unlockVerifiersResponseSchema,
} from '@wms/protocol';
