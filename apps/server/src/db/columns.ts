import { timestamp } from 'drizzle-orm/pg-core';

/** A UTC instant (`timestamptz`) column; the name is always given, so no column is misnamed. */
export const at = (name: string) => timestamp(name, { withTimezone: true });

/** A `timestamptz not null default now()` column. */
export const now = (name: string) => at(name).notNull().defaultNow();
