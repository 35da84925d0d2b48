import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { DatabaseConfig } from './db/database';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  /** Where the embedded database (and the dev auth secret) live; relative to where npm was run. */
  DATA_DIR: z.string().default('./data'),
  /** A real Postgres instead of the embedded one, e.g. postgres://user@host:5432/db. */
  DATABASE_URL: z.string().url().optional(),
  /** Signs login tokens. Required in production; generated and kept in DATA_DIR otherwise. */
  AUTH_SECRET: z.string().min(32).optional(),
  TOKEN_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Load the demo warehouse into an empty database. */
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * true: only a handheld enrolled with a code (the admin's QR) lets pickers and supervisors sign
   * in; on a device registered without a code only an admin may (the admin's own tablet, which
   * shows the first QR). false (the default, and the demo): any registered device works and
   * joins the warehouse of its first login. Turn it on in production.
   */
  ENROLMENT_REQUIRED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** The built PWA. */
  PWA_DIST: z.string().optional(),
});

export interface ServerConfig {
  mode: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: DatabaseConfig;
  authSecret: string;
  tokenTtlMs: number;
  seedDemo: boolean;
  /** See ENROLMENT_REQUIRED; absent means false. */
  enrolmentRequired?: boolean;
  pwaDist: string;
}

/** Parses the environment once; nothing else in the server reads `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Bad configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const base = env.INIT_CWD ?? process.cwd();
  const dataDir = resolve(base, e.DATA_DIR);
  if (e.NODE_ENV === 'production' && !e.AUTH_SECRET) {
    throw new Error('Bad configuration: AUTH_SECRET (32+ characters) is required in production');
  }
  return {
    mode: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: join(dataDir, 'pglite') },
    authSecret: e.AUTH_SECRET ?? devSecret(dataDir),
    tokenTtlMs: e.TOKEN_TTL_HOURS * 3_600_000,
    seedDemo: e.SEED_DEMO,
    enrolmentRequired: e.ENROLMENT_REQUIRED,
    pwaDist: e.PWA_DIST
      ? resolve(base, e.PWA_DIST)
      : fileURLToPath(new URL('../../pwa/dist', import.meta.url)),
  };
}

/** A development secret kept beside the data, so tokens survive a restart. */
function devSecret(dataDir: string): string {
  const file = join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
