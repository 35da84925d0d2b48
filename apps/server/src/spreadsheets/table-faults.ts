import type { FieldError } from '@wms/protocol';
import { badRequest } from '../http/api-error';
import { MAX_REPORTED_FAULTS } from './table';

/**
 * The 400 for a file with bad cells: every fault (up to `MAX_REPORTED_FAULTS`) as
 * `rows.N.column`, so the sheet can be fixed in one go; nothing of the file is stored.
 */
export function tableFaults(fields: readonly FieldError[]) {
  const listed = fields.slice(0, MAX_REPORTED_FAULTS);
  const more = fields.length - listed.length;
  return badRequest(
    `${fields.length} problem(s) in the file${more > 0 ? ` (the first ${listed.length} listed)` : ''}: fix them and import again`,
    listed,
  );
}
