import { useEffect, useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Diagnostics } from '../../../shared/contract';
import { Button } from '../../components/Button';
import { classNames } from '../../components/class-names';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { Panel } from '../../components/Panel';
import { useFormatters } from '../../hooks/use-formatters';
import { useProcedure } from '../../hooks/use-procedure';
import { diagnosticsReport } from './diagnostics-report';

type CopyState = { state: 'idle' } | { state: 'copied' } | { state: 'failed'; error: unknown };

const COPIED_VISIBLE_MS = 2500;

/** Versions, paths, database health and recent log lines, with a one-click copy for bug reports. */
export function DiagnosticsSettings() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useProcedure('diagnostics.get', {});
  const [copy, setCopy] = useState<CopyState>({ state: 'idle' });

  useEffect(() => {
    if (copy.state !== 'copied') return;
    const timer = setTimeout(() => setCopy({ state: 'idle' }), COPIED_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [copy]);

  const copyReport = async (diagnostics: Diagnostics) => {
    try {
      // Throws synchronously where the Clipboard API is missing; the catch covers that too.
      await navigator.clipboard.writeText(diagnosticsReport(diagnostics, new Date()));
      setCopy({ state: 'copied' });
    } catch (err) {
      setCopy({ state: 'failed', error: err });
    }
  };

  return (
    <div className="stack">
      <Panel
        title={t('settings.diagnostics.title')}
        description={t('settings.diagnostics.description')}
        actions={
          <div className="button-row">
            <Button onClick={reload} busy={loading} disabled={loading} data-testid="diag-refresh">
              {loading ? t('common.refreshing') : t('common.refresh')}
            </Button>
            <Button variant="primary" onClick={() => data && void copyReport(data)} disabled={!data} data-testid="diag-copy">
              {copy.state === 'copied' ? t('settings.diagnostics.copied') : t('settings.diagnostics.copy')}
            </Button>
          </div>
        }
      >
        <p className="visually-hidden" role="status" data-testid="diag-copy-status">
          {copy.state === 'copied' ? t('settings.diagnostics.copied') : ''}
        </p>
        {copy.state === 'failed' && (
          <ErrorNotice error={copy.error} title={t('settings.diagnostics.copyFailed')} hint={t('settings.diagnostics.copyFailedHint')} testId="diag-copy-error" />
        )}
        {error !== null && <ErrorNotice error={error} onRetry={reload} testId="diag-error" />}
        {data === undefined && loading && <LoadingState />}
      </Panel>
      {data && <DiagnosticsDetails diagnostics={data} />}
    </div>
  );
}

function DiagnosticsDetails({ diagnostics }: { diagnostics: Diagnostics }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { app, runtime, paths, database } = diagnostics;
  const notApplicable = t('common.notApplicable');
  const integrityOk = database.integrity.trim().toLowerCase() === 'ok';
  return (
    <>
      <div className="diagnostics-grid">
        <Panel title={t('settings.diagnostics.sections.app')}>
          <dl className="facts">
            <Fact label={t('settings.diagnostics.fields.version')} testId="diag-version" mono>
              {app.version}
            </Fact>
            <Fact label={t('settings.diagnostics.fields.host')} testId="diag-host">
              {t(`app.hosts.${app.host}`)}
            </Fact>
            <Fact label={t('settings.diagnostics.fields.uptime')} testId="diag-uptime">
              {format.duration(diagnostics.uptimeSeconds)}
            </Fact>
          </dl>
        </Panel>
        <Panel title={t('settings.diagnostics.sections.runtime')}>
          <dl className="facts">
            <Fact label={t('settings.diagnostics.fields.node')} testId="diag-node" mono>
              {runtime.node}
            </Fact>
            <Fact label={t('settings.diagnostics.fields.electron')} testId="diag-electron" mono={runtime.electron !== null}>
              {runtime.electron ?? notApplicable}
            </Fact>
            <Fact label={t('settings.diagnostics.fields.chromium')} testId="diag-chromium" mono={runtime.chromium !== null}>
              {runtime.chromium ?? notApplicable}
            </Fact>
            <Fact label={t('settings.diagnostics.fields.sqlite')} testId="diag-sqlite" mono>
              {runtime.sqlite}
            </Fact>
            <Fact label={t('settings.diagnostics.fields.platform')} testId="diag-platform" mono>
              {`${runtime.platform} ${runtime.arch}`}
            </Fact>
          </dl>
        </Panel>
        <Panel title={t('settings.diagnostics.sections.database')} className="panel--full">
          <dl className="facts">
            <Fact label={t('settings.diagnostics.fields.size')} testId="diag-db-size">
              {format.bytes(database.sizeBytes)}
            </Fact>
            <Fact label={t('settings.diagnostics.fields.schema')} testId="diag-schema">
              {format.number(database.schemaVersion)}
            </Fact>
            <Fact label={t('settings.diagnostics.fields.integrity')} testId="diag-integrity">
              <span className={classNames('tag', integrityOk ? 'tag--success' : 'tag--danger')} data-ok={integrityOk}>
                {integrityOk ? (
                  t('settings.diagnostics.integrityOk')
                ) : (
                  <Trans i18nKey="settings.diagnostics.integrityFailed" values={{ result: database.integrity }} components={{ result: <bdi /> }} />
                )}
              </span>{' '}
              <span className="muted">{t('settings.diagnostics.checkedAt', { date: format.dateTime(database.checkedAt) })}</span>
            </Fact>
          </dl>
        </Panel>
        <Panel title={t('settings.diagnostics.sections.paths')} className="panel--full">
          <dl className="facts">
            <Fact label={t('settings.diagnostics.fields.home')} testId="diag-path-home" path>
              {paths.home}
            </Fact>
            <Fact label={t('settings.diagnostics.fields.database')} testId="diag-path-database" path>
              {paths.database}
            </Fact>
            <Fact label={t('settings.diagnostics.fields.logs')} testId="diag-path-logs" path>
              {paths.logs}
            </Fact>
            <Fact label={t('settings.diagnostics.fields.backups')} testId="diag-path-backups" path>
              {paths.backups}
            </Fact>
          </dl>
        </Panel>
      </div>
      <Panel title={t('settings.diagnostics.sections.logs')}>
        {/* Log lines are machine text: always left-to-right, even inside an Arabic page. */}
        <pre className="log-box" dir="ltr" tabIndex={0} role="region" aria-label={t('settings.diagnostics.sections.logs')} data-testid="diag-logs">
          {diagnostics.recentLogs.length ? diagnostics.recentLogs.join('\n') : t('settings.diagnostics.noLogs')}
        </pre>
      </Panel>
    </>
  );
}

interface FactProps {
  label: string;
  testId: string;
  children: ReactNode;
  mono?: boolean;
  /** File paths read left to right in every language. */
  path?: boolean;
}

function Fact({ label, testId, children, mono = false, path = false }: FactProps) {
  return (
    <div className="facts__row">
      <dt className="facts__label">{label}</dt>
      <dd className={classNames('facts__value', (mono || path) && 'mono', path && 'facts__value--path')} data-testid={testId}>
        {path ? <bdi dir="ltr">{children}</bdi> : children}
      </dd>
    </div>
  );
}
