import buildPwa from './build-pwa';
import serverDataTemplate from './server-data-template';

/**
 * Vitest global setup of the browser tests: the PWA build (a child process) and the servers'
 * database template (migrated in this process) at the same time, not one after the other.
 */
export default async function browserSetup(): Promise<() => void> {
  const [build, template] = await Promise.allSettled([buildPwa(), serverDataTemplate()]);
  if (build.status === 'rejected') {
    if (template.status === 'fulfilled') template.value();
    throw build.reason;
  }
  if (template.status === 'rejected') throw template.reason;
  return template.value;
}
