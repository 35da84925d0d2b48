import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A data folder to copy into every fresh one (set by `server-data-template.ts`). */
export const TEMPLATE_ENV = 'WMS_TEST_SERVER_DATA_TEMPLATE';

export interface ServerProcess {
  url: string;
  dataDir: string;
  /** Stops it (SIGTERM) and deletes its data folder, unless the caller supplied that folder. */
  stop: () => Promise<void>;
  /** Kills it at once (SIGKILL), mid-transaction if it is in one; the data folder stays. */
  crash: () => Promise<void>;
  /** Everything the server printed, for a failing test's message. */
  output: () => string;
  /** Sends SIGTERM and returns at once (for tests of what happens during a shutdown). */
  terminate: () => void;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Starts the real server (`apps/server/src/main.ts`, as `npm start` does) on a free loopback
 * port with a fresh embedded database of its own, and waits until it says where it listens.
 * The caller's DATABASE_URL is not passed on (it points at a shared database); pass one in `env`
 * to run against a Postgres on purpose. Under the test projects' global setup the fresh folder
 * starts as a copy of a database migrated once per run (`server-data-template.ts`).
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  options: {
    dataDir?: string;
    nodeArgs?: readonly string[];
    /** How long to wait for the `listening` line (100 s unless given: a loaded two-core machine took over 60). */
    startTimeoutMs?: number;
  } = {},
): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'wms-e2e-'));
  const template = process.env[TEMPLATE_ENV];
  if (template && !options.dataDir && !env.DATABASE_URL)
    cpSync(template, dataDir, { recursive: true });
  const { DATABASE_URL: _shared, ...inherited } = process.env;
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: repoRoot,
      env: {
        ...inherited,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        INIT_CWD: repoRoot,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const limit = options.startTimeoutMs ?? 100_000;
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${limit / 1000} s:\n${output}`)),
      limit,
    );
    child.stdout.on('data', () => {
      // The developer's banner, or (in production, JSON logs only) the `listening` log line.
      const match =
        /running at (https?:\/\/[\d.:a-z]+)/.exec(output) ??
        /"url":"(https?:\/\/[\d.:a-z]+)"[^\n]*"msg":"listening"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    output: () => output,
    terminate: () => child.kill('SIGTERM'),
    exited,
    stop: async () => {
      await stopChild(child);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    crash: async () => {
      if (hasExited(child)) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A process killed by a signal has no exit code, only a signal code. */
function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopChild(child: ChildProcess) {
  if (hasExited(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
