import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import { startServerProcess, type ServerProcess } from './server-process';

/**
 * One real server (fresh embedded database) and one headless Chromium for a browser test file:
 * started before its tests, stopped after. Read `server` and `browser` inside the tests.
 */
export function aServerAndBrowserPerFile(
  options: { env?: Record<string, string>; chromiumArgs?: string[] } = {},
) {
  const fixture = {} as { server: ServerProcess; browser: Browser };
  beforeAll(async () => {
    // A loaded machine (several test runs at once) takes well over a minute to boot a server.
    // Chromium launches while the server boots: neither needs the other to start.
    [fixture.server, fixture.browser] = await Promise.all([
      startServerProcess(options.env, { startTimeoutMs: 180_000 }),
      launchChromium(options.chromiumArgs),
    ]);
  }, 240_000);
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.server?.stop();
  });
  return fixture;
}
