import { execFileSync } from 'node:child_process';
import { repoRoot } from './server-process';

/** Vitest global setup of the browser tests: they load the PWA as built, like a user would. */
export default function buildPwa() {
  // The production build, as `npm start` serves it (Vitest itself runs with NODE_ENV=test).
  execFileSync('npm', ['run', 'build', '-w', 'apps/pwa'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
