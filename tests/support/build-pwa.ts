import { spawn } from 'node:child_process';
import { repoRoot } from './server-process';

/** Vitest global setup of the browser tests: they load the PWA as built, like a user would. */
export default function buildPwa(): Promise<void> {
  // The production build, as `npm start` serves it (Vitest itself runs with NODE_ENV=test).
  const build = spawn('npm', ['run', 'build', '-w', 'apps/pwa'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return new Promise((resolve, reject) => {
    build.once('error', reject);
    build.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the PWA build exited with ${code}`)),
    );
  });
}
