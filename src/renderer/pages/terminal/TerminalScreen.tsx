import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal, type ITheme } from '@xterm/xterm';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResolvedTheme } from '../../appearance/document-appearance';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useSettings } from '../../hooks/use-settings';
import { settingsTabHref } from '../../navigation/route';
import { errorDetails } from '../../components/error-details';
import { useTerminalSession, type SessionState } from './use-terminal-session';
import { openUnderCsp } from './xterm-csp';

const FONT = "ui-monospace, 'SF Mono', 'Cascadia Mono', 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace";

/** A dark screen in the light and dark themes alike; pure black and white in high contrast. */
const THEMES: Record<ResolvedTheme, ITheme> = {
  light: { background: '#16181d', foreground: '#e4e6eb', cursor: '#a5a1ff', selectionBackground: '#4b44d680' },
  dark: { background: '#101216', foreground: '#e4e6eb', cursor: '#a5a1ff', selectionBackground: '#4b44d680' },
  'high-contrast': { background: '#000000', foreground: '#ffffff', cursor: '#ffff00', selectionBackground: '#ffff0080', selectionForeground: '#000000' },
};

interface TerminalScreenProps {
  workspaceId: string;
  /** The network policy in settings now: a running terminal keeps the one it started with. */
  network: 'on' | 'off';
}

/** The workspace's shell in xterm.js: its state, restart and close, and the screen itself. */
export default function TerminalScreen({ workspaceId, network }: TerminalScreenProps) {
  const { t } = useTranslation();
  const { resolvedTheme } = useSettings();
  const container = useRef<HTMLDivElement>(null);
  const [term, setTerm] = useState<Terminal | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const terminal = new Terminal({ fontFamily: FONT, fontSize: 13, cursorBlink: true, scrollback: 5000 });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    const release = openUnderCsp(terminal, element);
    fit.fit();
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(element);
    setTerm(terminal);
    return () => {
      observer.disconnect();
      setTerm(null);
      terminal.dispose();
      release();
    };
  }, []);

  useEffect(() => {
    if (term) term.options.theme = THEMES[resolvedTheme];
  }, [term, resolvedTheme]);

  const { state, restart, close } = useTerminalSession(term, workspaceId);
  return (
    <div className="terminal">
      <div className="terminal__bar">
        <TerminalStatus state={state} settingNetwork={network} />
        <div className="button-row">
          <Button size="sm" onClick={restart} disabled={state.kind === 'opening'} data-testid="terminal-restart">
            {state.kind === 'open' ? t('terminal.restart') : t('terminal.start')}
          </Button>
          <Button size="sm" variant="ghost" onClick={close} disabled={state.kind !== 'open'} data-testid="terminal-close">
            {t('terminal.close')}
          </Button>
        </div>
      </div>
      {state.kind === 'failed' && <FailedNotice error={state.error} />}
      {/* Machine text: left to right in every language. */}
      <div className="terminal__screen" dir="ltr" ref={container} role="region" aria-label={t('terminal.screenLabel')} data-testid="terminal-screen" data-state={state.kind} />
    </div>
  );
}

function TerminalStatus({ state, settingNetwork }: { state: SessionState; settingNetwork: 'on' | 'off' }) {
  const { t } = useTranslation();
  let text: string;
  if (state.kind === 'opening') text = t('terminal.status.opening');
  else if (state.kind === 'open') text = state.attached ? t('terminal.status.attached') : t('terminal.status.open');
  else if (state.kind === 'exited') text = state.reason === 'exited' ? t('terminal.status.exited', { code: state.exitCode ?? '?' }) : t(`terminal.status.${state.reason}`);
  else text = t('terminal.status.failed');
  return (
    <p className="terminal__status" role="status" data-testid="terminal-status" data-status={state.kind}>
      <span className={`status-dot status-dot--${state.kind}`} aria-hidden="true" />
      {text}
      {state.kind === 'open' && (
        <span className="tag" data-testid="terminal-network" data-network={state.network}>
          {t(`terminal.network.${state.network}`)}
        </span>
      )}
      {state.kind === 'open' && state.network !== settingNetwork && <span className="muted">{t('terminal.networkChanged', { network: t(`terminal.network.${settingNetwork}`) })}</span>}
    </p>
  );
}

/** Why the shell did not start; without a sandbox, where to see what it needs. */
function FailedNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const forbidden = errorDetails(error).code === 'FORBIDDEN';
  return (
    <div className="stack">
      <ErrorNotice error={error} testId="terminal-error" />
      {forbidden && (
        <a className="text-link" href={settingsTabHref('readiness')} data-testid="terminal-readiness-link">
          {t('terminal.seeReadiness')}
        </a>
      )}
    </div>
  );
}
