import { useTranslation } from 'react-i18next';
import { useConnectionSource, useConnectionStatus } from '../hooks/use-client';
import { Button } from './Button';

// After this many failed attempts in a row the host is probably gone (or was restarted with a new
// token), so the message changes from "reconnecting" to advice.
const UNREACHABLE_AFTER = 3;

/** The state of the link to the host, announced politely when it changes. */
export function ConnectionStatus() {
  const { t } = useTranslation();
  const status = useConnectionStatus();
  const source = useConnectionSource();
  const unreachable = status.state !== 'open' && status.failures >= UNREACHABLE_AFTER;
  const state = unreachable ? 'unreachable' : status.state;
  return (
    <div className="connection" data-state={state} role="group" aria-label={t('connection.label')}>
      <p className="connection__status">
        <span className="connection__dot" aria-hidden="true" />
        <span role="status" data-testid="connection-status">
          {t(`connection.${state}`)}
        </span>
      </p>
      {unreachable && <p className="connection__hint">{t('connection.unreachableHint')}</p>}
      {status.state !== 'open' && status.failures > 0 && (
        <Button size="sm" variant="ghost" className="connection__retry" onClick={() => source.retryNow()} data-testid="connection-retry">
          {t('connection.retry')}
        </Button>
      )}
    </div>
  );
}
