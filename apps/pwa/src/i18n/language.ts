import type { Language } from '@wms/protocol';
import { createContext, useContext } from 'react';
import { en, type Messages } from './messages-en';
import { zhCN } from './messages-zh-cn';

const LANGUAGE_KEY = 'wms.language';

export const messagesByLanguage: Record<Language, Messages> = { 'zh-CN': zhCN, en };

/** The other language, for showing a product name in both. */
export function otherLanguage(language: Language): Language {
  return language === 'zh-CN' ? 'en' : 'zh-CN';
}

/**
 * The language before anyone signs in: the last signed-in user's, else the browser's.
 *
 * @example
 * deviceLanguage(null, 'zh-TW') // → 'zh-CN'
 */
export function deviceLanguage(remembered: string | null, browserLanguage: string): Language {
  if (remembered === 'zh-CN' || remembered === 'en') return remembered;
  return browserLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function rememberedLanguage(): Language {
  return deviceLanguage(localStorage.getItem(LANGUAGE_KEY), navigator.language);
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_KEY, language);
}

export const LanguageContext = createContext<Language>('en');

export function useLanguage(): Language {
  return useContext(LanguageContext);
}

export function useMessages(): Messages {
  return messagesByLanguage[useLanguage()];
}
