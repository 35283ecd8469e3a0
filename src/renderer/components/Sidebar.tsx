import { useTranslation } from 'react-i18next';
import { useProcedure } from '../hooks/use-procedure';
import { isPageBuilt, PAGE_IDS, type PageId } from '../navigation/pages';
import { pageHref } from '../navigation/route';
import { classNames } from './class-names';
import { ConnectionStatus } from './ConnectionStatus';
import { BrandMark, NavIcon } from './NavIcon';

/** The app's navigation, on the inline-start side (left in English, right in Arabic). */
export function Sidebar({ active }: { active: PageId }) {
  const { t } = useTranslation();
  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <BrandMark />
        <span className="sidebar__name">{t('app.name')}</span>
      </div>
      <nav className="sidebar__nav" aria-label={t('nav.label')}>
        <ul className="nav-list">
          {PAGE_IDS.map((id) => (
            <li key={id}>
              <NavItem id={id} active={active === id} />
            </li>
          ))}
        </ul>
        <ul className="nav-list nav-list--end">
          <li>
            <NavItem id="settings" active={active === 'settings'} />
          </li>
        </ul>
      </nav>
      <footer className="sidebar__footer">
        <ConnectionStatus />
        <AppVersion />
      </footer>
    </aside>
  );
}

function NavItem({ id, active }: { id: PageId; active: boolean }) {
  const { t } = useTranslation();
  const label = t(`nav.pages.${id}`);
  if (!isPageBuilt(id)) {
    // No href: the item cannot be followed. aria-disabled (not `disabled`, which links lack) tells
    // assistive tech it exists but is unavailable; the hidden text says why.
    return (
      <a className="nav-item nav-item--disabled" role="link" aria-disabled="true" title={t('nav.comingSoon')} data-testid={`nav-${id}`}>
        <NavIcon id={id} />
        <span className="nav-item__label">{label}</span>
        <span className="visually-hidden">{t('common.listSeparator')}{t('nav.comingSoon')}</span>
      </a>
    );
  }
  return (
    <a className={classNames('nav-item', active && 'nav-item--active')} href={pageHref(id)} aria-current={active ? 'page' : undefined} data-testid={`nav-${id}`}>
      <NavIcon id={id} />
      <span className="nav-item__label">{label}</span>
    </a>
  );
}

function AppVersion() {
  const { t } = useTranslation();
  const { data } = useProcedure('app.info', {});
  if (!data) return null;
  return (
    <p className="sidebar__version" data-testid="app-version">
      {t('app.version', { version: data.version })}
      {t('common.listSeparator')}
      {t(`app.hosts.${data.host}`)}
    </p>
  );
}
