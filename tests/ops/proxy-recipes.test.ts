import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../sim/sim-database';
import { repoRoot, type ServerProcess, startServerProcess } from '../support/server-process';

/**
 * The README's reverse-proxy recipes, run as written: the Caddy and nginx blocks are read from
 * the README itself, and only the addresses are changed (a loopback port instead of 443 and the
 * LAN name, the two test servers instead of 10.0.0.11/12, no certificate).
 */
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const block = (language: string) => {
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(readme);
  if (!match?.[1]) throw new Error(`no ${language} block in the README`);
  return match[1];
};
const serverUrl = process.env.DATABASE_URL;

async function aFreePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

async function waitUntilAnswering(url: string, output: () => string) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never answered:\n${output()}`);
}

/** Statuses of `count` requests one after another. */
async function statuses(url: string, count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await fetch(url)).status);
  return seen;
}

const upstreams = (servers: ServerProcess[]) => servers.map((s) => new URL(s.url).host);

describe.runIf(serverUrl)('the README proxy recipes, two servers on one Postgres', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wms-proxies-'));
  let servers: ServerProcess[] = [];
  let dropDatabase: () => Promise<void> = async () => {};
  const proxies: ChildProcess[] = [];
  let nginxFront = '';

  beforeAll(async () => {
    const pg = await createPostgresDatabase(serverUrl!);
    dropDatabase = pg.drop;
    const env = { DATABASE_URL: pg.url, AUTH_SECRET: 'proxy-recipes-secret-of-32-chars-ok!' };
    servers = [await startServerProcess(env), await startServerProcess(env)];
  });
  afterAll(async () => {
    for (const p of proxies) p.kill('SIGKILL');
    await Promise.allSettled(servers.map((s) => s.stop()));
    await dropDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  it('nginx: /metrics is not reachable through it; requests reach both instances', async () => {
    const port = await aFreePort();
    const [a, b] = upstreams(servers);
    const site = block('nginx')
      .replace(/server 10\.0\.0\.11:8080; server 10\.0\.0\.12:8080;/, `server ${a}; server ${b};`)
      .replace('listen 443 ssl;', `listen 127.0.0.1:${port};`)
      .replace(/^\s*ssl_certificate.*$/gm, '');
    expect(site).toContain(`server ${a}; server ${b};`);
    const conf = join(dir, 'nginx.conf');
    writeFileSync(
      conf,
      `daemon off; master_process off; pid ${dir}/nginx.pid; error_log stderr;
       events {}
       http {
         access_log ${dir}/access.log;
         client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
         ${site}
       }`,
    );
    const nginx = run('nginx', ['-p', dir, '-c', conf]);
    proxies.push(nginx.child);
    const front = `http://127.0.0.1:${port}`;
    nginxFront = front;
    await waitUntilAnswering(`${front}/api/health`, nginx.output);

    // On the instance itself (loopback, no METRICS_TOKEN) metrics are open; through nginx, not.
    expect((await fetch(`${servers[0]!.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${front}/metrics`)).status).toBe(404);

    expect(await statuses(`${front}/api/health`, 10)).toEqual(Array(10).fill(200));
  });

  it('Caddy and nginx: with one of two instances killed, every request is still answered', async () => {
    const port = await aFreePort();
    const [a, b] = upstreams(servers);
    const site = block('caddyfile')
      .replace('skip_install_trust', 'skip_install_trust\n\tadmin off')
      .replace(/^wms\.lan, 192\.168\.1\.20 \{/m, `http://127.0.0.1:${port} {`)
      .replace(/^\s*tls internal\s*$/m, '')
      .replace('reverse_proxy 10.0.0.11:8080 10.0.0.12:8080', `reverse_proxy ${a} ${b}`);
    expect(site).toContain(`reverse_proxy ${a} ${b}`);
    const conf = join(dir, 'Caddyfile');
    writeFileSync(conf, site);
    const caddy = run('caddy', ['run', '--config', conf, '--adapter', 'caddyfile'], {
      HOME: dir,
      XDG_DATA_HOME: join(dir, 'data'),
      XDG_CONFIG_HOME: join(dir, 'config'),
    });
    proxies.push(caddy.child);
    const front = `http://127.0.0.1:${port}`;
    await waitUntilAnswering(`${front}/api/health`, caddy.output);
    expect(await statuses(`${front}/api/health`, 6)).toEqual(Array(6).fill(200));

    await servers[1]!.crash();
    expect(await statuses(`${front}/api/health`, 40)).toEqual(Array(40).fill(200));
    expect(await statuses(`${nginxFront}/api/health`, 40)).toEqual(Array(40).fill(200));
  });
});
