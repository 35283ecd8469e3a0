import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appearance } from './appearance/document-appearance';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Sidebar } from './components/Sidebar';
import { useHashRoute } from './hooks/use-hash-route';
import type { Route } from './navigation/route';
import { AuditLogPage } from './pages/AuditLogPage';
import { BrowserPage } from './pages/BrowserPage';
import { ComputerUsePage } from './pages/ComputerUsePage';
import { DashboardPage } from './pages/DashboardPage';
import { ExtensionsPage } from './pages/ExtensionsPage';
import { PluginsPage } from './pages/PluginsPage';
import { ProvidersPage } from './pages/ProvidersPage';
import { SettingsPage } from './pages/SettingsPage';
import { TasksPage } from './pages/TasksPage';
import { TerminalPage } from './pages/TerminalPage';
import { ClientProvider } from './providers/ClientProvider';
import { SettingsProvider } from './providers/SettingsProvider';
import type { Connection } from './transport/connect';

interface AppProps {
  connection: Connection;
  initialAppearance: Appearance;
}

export function App({ connection, initialAppearance }: AppProps) {
  return (
    <ClientProvider connection={connection}>
      <SettingsProvider initial={initialAppearance}>
        <Shell />
      </SettingsProvider>
    </ClientProvider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const route = useHashRoute();
  const mainRef = useRef<HTMLElement>(null);
  const pageName = t(`nav.pages.${route.page}`);

  useEffect(() => {
    document.title = t('app.documentTitle', { page: pageName });
  }, [t, pageName]);

  // After the user moves to another page, put focus on its heading so screen readers announce it;
  // not on first load, where focus belongs to the browser.
  const firstPage = useRef(true);
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route.page]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('common.skipToContent')}
      </a>
      <Sidebar active={route.page} />
      <main className="shell__main" id="main" ref={mainRef} tabIndex={-1}>
        <ErrorBoundary key={route.page}>
          <CurrentPage route={route} />
        </ErrorBoundary>
      </main>
    </div>
  );
}

function CurrentPage({ route }: { route: Route }) {
  switch (route.page) {
    case 'dashboard':
      return <DashboardPage />;
    case 'tasks':
      return <TasksPage taskId={route.taskId} />;
    case 'terminal':
      return <TerminalPage />;
    case 'providers':
      return <ProvidersPage />;
    case 'audit-log':
      return <AuditLogPage />;
    case 'browser':
      return <BrowserPage />;
    case 'computer-use':
      return <ComputerUsePage />;
    case 'extensions':
      return <ExtensionsPage />;
    case 'plugins':
      return <PluginsPage />;
    case 'settings':
      return <SettingsPage tab={route.tab} />;
  }
}

// The hash is the router here, so the skip link must move focus itself instead of changing the hash.
function skipToMain(event: MouseEvent<HTMLAnchorElement>): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
