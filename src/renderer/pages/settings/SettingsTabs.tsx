import { useTranslation } from 'react-i18next';
import { classNames } from '../../components/class-names';
import { isSettingsTabBuilt, SETTINGS_TAB_IDS, type SettingsTabId } from '../../navigation/pages';
import { settingsTabHref } from '../../navigation/route';

/** The sections of Settings, as links (each has its own URL); unbuilt ones are shown but disabled. */
export function SettingsTabs({ active }: { active: SettingsTabId }) {
  const { t } = useTranslation();
  return (
    <nav className="subnav" aria-label={t('settings.tabsLabel')}>
      <ul className="subnav__list">
        {SETTINGS_TAB_IDS.map((id) => {
          const label = t(`settings.tabs.${id}`);
          const testId = `settings-tab-${id}`;
          return (
            <li key={id}>
              {isSettingsTabBuilt(id) ? (
                <a
                  className={classNames('subnav__item', id === active && 'subnav__item--active')}
                  href={settingsTabHref(id)}
                  aria-current={id === active ? 'page' : undefined}
                  data-testid={testId}
                >
                  {label}
                </a>
              ) : (
                <a className="subnav__item subnav__item--disabled" role="link" aria-disabled="true" title={t('nav.comingSoon')} data-testid={testId}>
                  {label}
                  <span className="visually-hidden">
                    {t('common.listSeparator')}
                    {t('nav.comingSoon')}
                  </span>
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
