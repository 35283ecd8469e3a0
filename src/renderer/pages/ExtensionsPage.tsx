import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/ErrorNotice';
import { LoadingState } from '../components/LoadingState';
import { PageHeader } from '../components/PageHeader';
import { Panel } from '../components/Panel';
import { useCoalescedCallback } from '../hooks/use-coalesced-callback';
import { useEvent } from '../hooks/use-event';
import { useProcedure } from '../hooks/use-procedure';
import { settingsTabHref } from '../navigation/route';
import { PairedClients } from './extensions/PairedClients';
import { PairingRequests } from './extensions/PairingRequests';

const REFRESH_DELAY_MS = 100;

/** Who may use the bridge: pairing requests to answer, and the paired clients with what each may do. */
export function ExtensionsPage() {
  const { t } = useTranslation();
  const status = useProcedure('bridge.status', {});
  const pairings = useProcedure('bridge.pairings.list', {});
  const clients = useProcedure('bridge.clients.list', {});
  const reloadPairings = pairings.reload;
  const reloadClients = clients.reload;
  const refresh = useCoalescedCallback(() => {
    reloadPairings();
    reloadClients();
  }, REFRESH_DELAY_MS);
  // A pairing request from the browser, an approval in the CLI, a client seen: the page follows.
  useEvent('bridge.changed', refresh);

  return (
    <div className="page page--wide">
      <PageHeader title={t('extensions.title')} subtitle={t('extensions.subtitle')} />
      {status.data?.enabled === false && (
        <div className="notice notice--info" role="status" data-testid="bridge-off">
          <div className="notice__body">
            <p className="notice__message">{t('extensions.bridgeOff')}</p>
            <a className="text-link" href={settingsTabHref('extension')}>
              {t('extensions.bridgeOffLink')}
            </a>
          </div>
        </div>
      )}
      <div className="stack">
        <Panel title={t('extensions.requests.title')} description={t('extensions.requests.description')}>
          {pairings.data ? (
            <PairingRequests pairings={pairings.data} onAnswered={refresh} />
          ) : pairings.error !== null ? (
            <ErrorNotice error={pairings.error} onRetry={pairings.reload} />
          ) : (
            <LoadingState />
          )}
        </Panel>
        <Panel title={t('extensions.clients.title')} description={t('extensions.clients.description')}>
          {clients.data ? <PairedClients clients={clients.data} onChanged={refresh} /> : clients.error !== null ? <ErrorNotice error={clients.error} onRetry={clients.reload} /> : <LoadingState />}
        </Panel>
      </div>
    </div>
  );
}
