import './no-eval';
import './styles/tokens.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/controls.css';
import './styles/panels.css';
import './styles/dashboard.css';
import './styles/tasks.css';
import './styles/task-conversation.css';
import './styles/markdown.css';
import './styles/providers.css';
import './styles/audit-log.css';
import './styles/settings.css';
import './styles/sandbox-settings.css';
import './styles/terminal.css';
import './styles/browser.css';
import './styles/computer-use.css';
import './styles/extensions.css';
import './styles/plugins.css';
import './styles/approvals.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyLanguage, applyTheme, prefersDarkQuery, readCachedAppearance, resolveTheme } from './appearance/document-appearance';
import { initI18n } from './i18n/i18n';
import { NoTokenScreen } from './pages/NoTokenScreen';
import { connect } from './transport/connect';

const appearance = readCachedAppearance();
const i18n = initI18n(appearance.language);
applyLanguage(appearance.language);
applyTheme(resolveTheme(appearance.theme, prefersDarkQuery()?.matches ?? false));

// Read at the moment of failure, so the message is in the language the user has chosen by then.
const connection = connect({
  connectionLost: () => ({ message: i18n.t('connection.lost'), hint: i18n.t('connection.lostHint') }),
  notConnected: () => ({ message: i18n.t('connection.notConnected'), hint: i18n.t('connection.notConnectedHint') }),
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    {connection.kind === 'ready' ? <App connection={connection.connection} initialAppearance={appearance} /> : <NoTokenScreen />}
  </StrictMode>,
);
