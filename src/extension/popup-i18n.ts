import i18next from 'i18next';
// Only the popup's sections of each catalogue are bundled (esbuild drops the other top-level keys).
import { browserExtension as ar, bridgeScopes as arScopes } from '../../resources/locales/ar.json';
import { browserExtension as en, bridgeScopes as enScopes } from '../../resources/locales/en.json';
import { browserExtension as fr, bridgeScopes as frScopes } from '../../resources/locales/fr.json';
import { Language, RTL_LANGUAGES } from '../shared/settings';
import type { ProblemKind } from './messages';

export interface PopupTranslator {
  language: Language;
  dir: 'ltr' | 'rtl';
  t(key: string, values?: Record<string, string | number>): string;
}

/** The app's language closest to the browser's (`fr-CA` → fr), else English. */
export function pickLanguage(uiLanguage: string): Language {
  const parsed = Language.safeParse(uiLanguage.toLowerCase().split(/[-_]/)[0]);
  return parsed.success ? parsed.data : 'en';
}

/** The popup's strings, from the app's own catalogues (resources/locales), through i18next like the app. */
export function createTranslator(uiLanguage: string): PopupTranslator {
  const language = pickLanguage(uiLanguage);
  const instance = i18next.createInstance();
  void instance.init({
    resources: {
      en: { translation: { ...en, bridgeScopes: enScopes } },
      fr: { translation: { ...fr, bridgeScopes: frScopes } },
      ar: { translation: { ...ar, bridgeScopes: arScopes } },
    },
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    returnNull: false,
    // The popup sets text with textContent only: escaping would show entities.
    interpolation: { escapeValue: false },
  });
  return { language, dir: RTL_LANGUAGES.includes(language) ? 'rtl' : 'ltr', t: (key, values) => instance.t(key, values ?? {}) };
}

/** The catalogue key of each problem (`problem.<key>.message|hint`); `worker` is the popup's own. */
export const PROBLEM_KEYS: Record<ProblemKind | 'worker', string> = {
  unreachable: 'unreachable',
  'not-aura': 'notAura',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  rejected: 'rejected',
  'page-unreadable': 'pageUnreadable',
  'empty-selection': 'emptySelection',
  'no-content': 'noContent',
  'no-tab': 'noTab',
  internal: 'internal',
  worker: 'worker',
};
