import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { AuditVerdict } from '../../../shared/contract';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useClient } from '../../hooks/use-client';

type Check = { state: 'idle' } | { state: 'running' } | { state: 'done'; verdict: AuditVerdict } | { state: 'failed'; error: unknown };

// A SHA-256 head is 64 hex digits; 16 are plenty to compare by eye. The full hash is in the tooltip.
const HEAD_DIGITS = 16;

/** Walks the whole hash chain on the host and says whether every entry is still what was written. */
export function ChainVerifier() {
  const { t } = useTranslation();
  const client = useClient();
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const running = check.state === 'running';

  const verify = async () => {
    setCheck({ state: 'running' });
    try {
      setCheck({ state: 'done', verdict: await client.call('audit.verify', {}) });
    } catch (error) {
      setCheck({ state: 'failed', error });
    }
  };

  return (
    <div className="verifier">
      <Button onClick={() => void verify()} busy={running} disabled={running} data-testid="audit-verify">
        {running ? t('audit.verify.running') : t('audit.verify.button')}
      </Button>
      {check.state === 'done' && <Verdict verdict={check.verdict} />}
      {check.state === 'done' && check.verdict.checkpoint && <CheckpointNote checkpoint={check.verdict.checkpoint} />}
      {check.state === 'failed' && <ErrorNotice error={check.error} testId="audit-verify-error" />}
    </div>
  );
}

function Verdict({ verdict }: { verdict: AuditVerdict }) {
  const { t } = useTranslation();
  if (verdict.ok) {
    return (
      <p className="verdict verdict--ok" role="status" data-testid="audit-verdict" data-ok="true" title={verdict.head ?? undefined}>
        {verdict.count === 0 || !verdict.head ? (
          t('audit.verify.okEmpty')
        ) : (
          // The hash is isolated left to right: in Arabic a hash starting with digits would otherwise reorder.
          <Trans
            i18nKey="audit.verify.ok"
            count={verdict.count}
            values={{ head: verdict.head.slice(0, HEAD_DIGITS) }}
            components={{ hash: <code className="verdict__hash" dir="ltr" /> }}
          />
        )}
      </p>
    );
  }
  return (
    <div className="verdict verdict--broken" role="alert" data-testid="audit-verdict" data-ok="false">
      <p className="verdict__message">
        <Trans
          i18nKey="audit.verify.broken"
          values={{ seq: verdict.firstBad?.seq ?? 0, reason: verdict.firstBad?.reason ?? '' }}
          components={{ reason: <bdi /> }}
        />
      </p>
      <p className="verdict__hint">{t('audit.verify.brokenHint')}</p>
    </div>
  );
}

/**
 * What the signed checkpoint added, said plainly: verified up to which entry, or not checked at all (vault
 * locked, or no vault), so an intact chain is never taken for more than was checked. A failed checkpoint is
 * the broken verdict above, with its reason.
 */
function CheckpointNote({ checkpoint }: { checkpoint: NonNullable<AuditVerdict['checkpoint']> }) {
  const { t } = useTranslation();
  if (checkpoint.state === 'failed') return null;
  const text =
    checkpoint.state === 'verified'
      ? `${t('audit.verify.checkpointVerified', { covered: checkpoint.count ?? 0 })}${checkpoint.uncovered ? ` ${t('audit.verify.checkpointNewer')}` : ''}`
      : t(checkpoint.state === 'unchecked' ? 'audit.verify.checkpointUnchecked' : 'audit.verify.checkpointNone');
  return (
    <p className="verdict__hint" data-testid="audit-checkpoint" data-state={checkpoint.state}>
      {text}
    </p>
  );
}
