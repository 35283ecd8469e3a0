import { useTranslation } from 'react-i18next';
import type { ToolRisk } from '../../../shared/tools';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { Panel } from '../../components/Panel';
import { useProcedure } from '../../hooks/use-procedure';

const RISK_TAG: Record<ToolRisk, string> = { read: 'tag', write: 'tag tag--accent', execute: 'tag tag--danger', network: 'tag tag--danger' };

/** The tools the agent can call, each with the risk the permission profile judges it by. */
export function ToolList() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useProcedure('tools.list', {});
  return (
    <Panel title={t('settings.approvals.tools.title')} description={t('settings.approvals.tools.description')}>
      {error !== null && <ErrorNotice error={error} onRetry={reload} testId="tools-error" />}
      {data === undefined && loading && <LoadingState />}
      {data?.length === 0 && <EmptyState testId="tools-empty">{t('settings.approvals.tools.empty')}</EmptyState>}
      {data !== undefined && data.length > 0 && (
        <ul className="row-list tool-list">
          {data.map((tool) => (
            <li key={tool.name} className="tool-row" data-testid="tool-row" data-tool={tool.name} data-risk={tool.risk}>
              <p className="tool-row__head">
                <code className="tag tag--code">{tool.name}</code>
                <span className={RISK_TAG[tool.risk]}>{t(`tasks.risk.${tool.risk}`)}</span>
                {tool.source !== 'builtin' && <span className="tag">{t(`settings.approvals.tools.sources.${tool.source}`)}</span>}
              </p>
              {/* Tool descriptions can come from MCP servers and plugins: untrusted, so plain text only. */}
              <p className="tool-row__description" dir="auto">
                {tool.description}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
