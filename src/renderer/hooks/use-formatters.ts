import { useTranslation } from 'react-i18next';
import { createFormatters, type Formatters } from '../i18n/formatters';

/** One set per language, shared by every component: a long task shows hundreds of rows that format. */
const byLanguage = new Map<string, Formatters>();

/** Intl formatters for the current UI language. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  let formatters = byLanguage.get(i18n.language);
  if (!formatters) {
    formatters = createFormatters(i18n.language);
    byLanguage.set(i18n.language, formatters);
  }
  return formatters;
}
