import { createServer } from 'node:net';

/**
 * Throws a clear error when `port` on `host` cannot be bound (another server, an old instance
 * still running, a port below 1024 without the right), by binding it for a moment. Port 0 (any
 * free port) always passes.
 *
 * @example
 * await assertPortFree('0.0.0.0', 8080); // Error: Port 8080 on 0.0.0.0 is already in use: …
 */
export async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE'
          ? 'is already in use: stop the server that holds it, or set PORT to another port'
          : err.code === 'EACCES'
            ? 'needs more rights than this process has: use a port above 1024, or a proxy in front'
            : `cannot be bound (${err.code ?? err.message})`;
      reject(new Error(`Port ${port} on ${host} ${why}. Nothing was changed in the database.`));
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
