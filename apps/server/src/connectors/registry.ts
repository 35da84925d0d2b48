import type { PlatformAdapter, PlatformId } from './platform';

/** Makes a platform's adapter (each platform folder exports one). */
export type AdapterFactory = () => PlatformAdapter;

/** Platform id → its adapter; the server's is `PLATFORM_ADAPTERS`, a test passes its own. */
export type AdapterRegistry = Partial<Record<PlatformId, AdapterFactory>>;

/**
 * The platforms a connector can be added for. Each entry is one platform folder's factory
 * (`connectors/wechat-shop/`, `connectors/taobao/`); a platform without an entry is refused when
 * a connector is added for it, with the list of those that exist.
 */
export const PLATFORM_ADAPTERS: AdapterRegistry = {};

/** The adapter of a platform, or null when this build has none for it. */
export function adapterFor(registry: AdapterRegistry, platform: string): PlatformAdapter | null {
  const factory = (registry as Record<string, AdapterFactory | undefined>)[platform];
  return factory ? factory() : null;
}
