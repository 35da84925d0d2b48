import { csvImportResultSchema } from '@wms/protocol';
import { z } from 'zod';
import type { RouteSpec } from '../api-docs/documented';

/** `{ "active": false }` deactivates, `true` brings it back. */
export const setActiveSchema = z.strictObject({ active: z.boolean() });

/** The API document's specs of one entity's list / create / edit / (de)activate and CSV routes. */
export function entityDocs(
  what: string,
  schemas: { create: z.ZodType; edit: z.ZodType; item: z.ZodType; list: z.ZodType },
) {
  const one = what.replace(/s$/, '');
  return {
    list: { summary: `List ${what}`, response: schemas.list },
    create: {
      status: 201,
      refusals: [409],
      summary: `Create one ${one}`,
      body: schemas.create,
      response: schemas.item,
    },
    edit: {
      refusals: [409],
      summary: `Edit one ${one}`,
      body: schemas.edit,
      response: schemas.item,
    },
    active: {
      summary: `Deactivate (active: false) or reactivate one ${one}`,
      body: setActiveSchema,
      response: schemas.item,
    },
    exportCsv: {
      summary: `Export ${what} as CSV (UTF-8 with BOM; formula-like text starts with ')`,
    },
    exportXlsx: { summary: `Export ${what} as .xlsx` },
    importCsv: {
      summary: `Import ${what} from CSV (UTF-8, GBK, UTF-16) or .xlsx (create or update; any bad row imports nothing, 400 names rows.N.column)`,
      csv: true,
      refusals: [409],
      response: csvImportResultSchema,
    },
  } satisfies Record<string, RouteSpec>;
}
