import { boolean, date, integer, jsonb } from 'drizzle-orm/pg-core';

/**
 * The columns of a SKU's record beyond its names (issue 20), kept apart so that the SKU table
 * stays short: cost, weight, size, QC, pre-sale date, pictures.
 */
export const skuRecordColumns = {
  weightGrams: integer('weight_grams'),
  lengthMm: integer('length_mm'),
  widthMm: integer('width_mm'),
  heightMm: integer('height_mm'),
  /** Checked by quality control before it ships. */
  qcRequired: boolean('qc_required').notNull().default(false),
  /** Pre-sale: the first day it can ship. */
  availableFrom: date('available_from', { mode: 'string' }),
  /** Pictures beside `image_url`, in order. */
  pictureUrls: jsonb('picture_urls').$type<string[]>().notNull().default([]),
};
