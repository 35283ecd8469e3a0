import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from '../../../resources/locales/ar.json';
import en from '../../../resources/locales/en.json';
import fr from '../../../resources/locales/fr.json';
import { Language, RTL_LANGUAGES } from '../../shared/settings';

/** The languages the app ships, in the order the language picker lists them. */
export const LANGUAGES: readonly Language[] = Language.options;

export const resources = {
  en: { translation: en },
  ar: { translation: ar },
  fr: { translation: fr },
} as const;

/** Sets up the one i18next instance the whole renderer uses; resources are bundled, so this is synchronous. */
export function initI18n(language: Language): I18n {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    returnNull: false,
    // React already escapes text; escaping again would show `&#x2F;` in every path.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  return i18next;
}

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.includes(language) ? 'rtl' : 'ltr';
}
