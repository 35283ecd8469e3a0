import type en from '../../../resources/locales/en.json';

// English is the reference catalogue: `t()` only accepts keys it defines.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    returnNull: false;
  }
}
