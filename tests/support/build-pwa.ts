import { execFileSync } from 'node:child_process';
import { repoRoot } from './server-process';

/** Vitest global setup of the browser tests: they load the PWA as built, like a user would. */
export default function buildPwa() {
  execFileSync('npm', ['run', 'build', '-w', 'apps/pwa'], { cwd: repoRoot, stdio: 'inherit' });
}
