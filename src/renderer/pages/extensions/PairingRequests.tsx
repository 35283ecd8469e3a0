import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingPairing } from '../../../shared/bridge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useClient } from '../../hooks/use-client';
import { useFormatters } from '../../hooks/use-formatters';
import { offeredScopes } from './scope-selection';
import { ScopeChoice } from './ScopeChoice';

/** Pairing requests waiting for the user: each with its code to compare, and what it may do once approved. */
export function PairingRequests({ pairings, onAnswered }: { pairings: readonly PendingPairing[]; onAnswered(): void }) {
  const { t } = useTranslation();
  if (pairings.length === 0) return <EmptyState testId="pairing-empty">{t('extensions.requests.empty')}</EmptyState>;
  return (
    <ul className="pairing-list">
      {pairings.map((pairing) => (
        <li key={pairing.requestId}>
          <PairingRequestCard pairing={pairing} onAnswered={onAnswered} />
        </li>
      ))}
    </ul>
  );
}

export function PairingRequestCard({ pairing, onAnswered }: { pairing: PendingPairing; onAnswered(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const format = useFormatters();
  const offered = offeredScopes(pairing.scopes);
  const [chosen, setChosen] = useState(offered);
  const [busy, setBusy] = useState<'approve' | 'deny' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const answer = async (approve: boolean) => {
    setBusy(approve ? 'approve' : 'deny');
    setError(null);
    try {
      if (approve) await client.call('bridge.pairings.approve', { code: pairing.code, scopes: chosen });
      else await client.call('bridge.pairings.deny', { code: pairing.code });
      onAnswered();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <article className="pairing-card" data-testid="pairing-request" data-code={pairing.code}>
      <header className="pairing-card__header">
        {/* The client chose its name: shown as text, isolated from the page's direction. */}
        <h3 className="pairing-card__name">
          <bdi>{pairing.name}</bdi>
        </h3>
        <span className="pairing-card__code" aria-label={t('extensions.requests.code')} data-testid="pairing-code">
          {pairing.code}
        </span>
      </header>
      <dl className="facts">
        <div className="facts__row">
          <dt className="facts__label">{t('extensions.requests.origin')}</dt>
          <dd className="facts__value">{pairing.origin ? <code dir="ltr">{pairing.origin}</code> : t('extensions.requests.noOrigin')}</dd>
        </div>
      </dl>
      <p className="muted">{t('extensions.requests.expires', { time: format.dateTime(pairing.expiresAt) })}</p>
      <ScopeChoice legend={t('extensions.requests.scopes')} offered={offered} chosen={chosen} onChange={setChosen} disabled={busy !== null} withHelp testId="pairing-scopes" />
      {chosen.length === 0 && <p className="field__help">{t('extensions.requests.noScope')}</p>}
      <div className="button-row">
        <Button variant="primary" busy={busy === 'approve'} disabled={busy !== null || chosen.length === 0} onClick={() => void answer(true)} data-testid="pairing-approve">
          {t('extensions.requests.approve')}
        </Button>
        <Button busy={busy === 'deny'} disabled={busy !== null} onClick={() => void answer(false)} data-testid="pairing-deny">
          {t('extensions.requests.deny')}
        </Button>
      </div>
      {error !== null && <ErrorNotice error={error} testId="pairing-error" />}
    </article>
  );
}
