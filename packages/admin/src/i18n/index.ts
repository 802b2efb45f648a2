import polyglotI18nProvider from 'ra-i18n-polyglot';
import zh from './zh';

export const LOCALES = [
  { locale: 'zh', name: '中文' },
  { locale: 'en', name: 'English' },
];

/**
 * Chinese is the default and is bundled; English loads on demand when someone switches
 * (react-admin's store remembers the choice and restores it on the next visit).
 */
export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? import('./en').then((m) => m.default) : zh),
  'zh',
  LOCALES,
  { allowMissing: true },
);
