import { z } from 'zod';

/** A bin code as printed on the label: aisle letter(s), then two-digit bay and level, e.g. `A-03-12`. */
export const binCodeSchema = z
  .string()
  .regex(/^[A-Z]{1,2}-\d{2}-\d{2}$/, 'a bin code looks like A-03-12');

/** A scanned value as it arrives from a wedge scanner or the camera, after normalisation. */
export const scannedCodeSchema = z.string().min(1).max(120);

/** A wave code as spoken to pickers, e.g. `B26-07`. */
export const waveCodeSchema = z
  .string()
  .regex(/^[A-Z]\d{2}-\d{2}$/, 'a wave code looks like B26-07');

// One regular expression, not a loop over the characters: a push of 500 events checks 2,000 ids.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** An id: printable text (no control characters, which Postgres text cannot hold, e.g. NUL). */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((id) => !CONTROL_CHARACTER.test(id), 'an id has no control characters');

export const uuidSchema = z.uuid();
export const isoTimeSchema = z.iso.datetime({ offset: true });
/** A calendar date, e.g. a lot's expiry: `2027-03-31`. */
export const isoDateSchema = z.iso.date();
