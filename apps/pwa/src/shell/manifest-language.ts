import type { Language } from '@wms/protocol';

/** The manifest of each language (both built by vite.config.ts, with the same `id`). */
const MANIFESTS: Record<Language, string> = {
  en: '/manifest.webmanifest',
  'zh-CN': '/manifest.zh-CN.webmanifest',
};

/**
 * Points `<link rel="manifest">` at the user's language, so an install names the app in it.
 * A static manifest cannot know who signs in; the page can.
 */
export function pointManifestAt(language: Language): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  if (link && link.getAttribute('href') !== MANIFESTS[language])
    link.setAttribute('href', MANIFESTS[language]);
}
