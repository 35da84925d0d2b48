import { z } from 'zod';
import { binCodeSchema, idSchema, isoTimeSchema, uuidSchema } from './codes';

export const taskKindSchema = z.enum(['reprint-label', 'cycle-count']);

/**
 * Work a handheld's events created for the warehouse: reprint a bin label that failed three
 * times in a row (M1.5), count a bin that a picker reported short.
 */
export const warehouseTaskSchema = z.object({
  id: uuidSchema,
  kind: taskKindSchema,
  status: z.enum(['open', 'done']),
  warehouseId: idSchema,
  binCode: binCodeSchema,
  skuId: idSchema.nullable(),
  /** Why: the short reason, or how many attempts failed. */
  detail: z.string(),
  message: z.string(),
  openedAt: isoTimeSchema,
  /**
   * A reprint-label task links straight to the bin's label (`/api/labels/bins.pdf?codes=…`; the
   * `.zpl` twin is the same path with `.zpl`); null for other kinds. Send the login token.
   */
  labelUrl: z.string().nullable().optional(),
});

/** `GET /api/tasks` (supervisors and admins): the open tasks of their warehouse, newest first. */
export const taskListResponseSchema = z.object({ tasks: z.array(warehouseTaskSchema) });

export type TaskKind = z.infer<typeof taskKindSchema>;
export type WarehouseTask = z.infer<typeof warehouseTaskSchema>;
export type TaskListResponse = z.infer<typeof taskListResponseSchema>;
