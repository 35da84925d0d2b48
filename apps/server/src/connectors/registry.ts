import type { PlatformAdapter, PlatformId } from './platform';
import { taobaoAdapter } from './taobao/taobao-adapter';
import { wechatShopAdapter } from './wechat-shop/adapter';

/** Makes a platform's adapter (each platform folder exports one). */
export type AdapterFactory = () => PlatformAdapter;

/** Platform id → its adapter; the server's is `PLATFORM_ADAPTERS`, a test passes its own. */
export type AdapterRegistry = Partial<Record<PlatformId, AdapterFactory>>;

/** What the platforms' adapters take from the server's configuration. */
export interface PlatformOptions {
  /** TMALL_SHOPS: seller nicks of Tmall shops on TOP (their orders come in as channel `tmall`). */
  tmallShops?: readonly string[];
}

/**
 * The platforms a connector can be added for, one entry per platform folder
 * (`connectors/wechat-shop/`, `connectors/taobao/`); a platform without an entry is refused when
 * a connector is added for it, with the list of those that exist. Each adapter is made once and
 * shared by every connector of its platform (微信小店's keeps its SKU directory between pulls).
 */
export function platformAdapters(options: PlatformOptions = {}): AdapterRegistry {
  const wechat = wechatShopAdapter({ channel: 'wechat-shop' });
  const taobao = taobaoAdapter({ tmallShops: [...(options.tmallShops ?? [])] });
  return { 'wechat-shop': () => wechat, taobao: () => taobao };
}

/** The registry with no configuration (every TOP shop a Taobao one); the server builds its own. */
export const PLATFORM_ADAPTERS: AdapterRegistry = platformAdapters();

/** The adapter of a platform, or null when this build has none for it. */
export function adapterFor(registry: AdapterRegistry, platform: string): PlatformAdapter | null {
  const factory = (registry as Record<string, AdapterFactory | undefined>)[platform];
  return factory ? factory() : null;
}
