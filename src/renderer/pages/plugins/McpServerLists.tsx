import { useTranslation } from 'react-i18next';
import type { McpServerInfo } from '../../../shared/mcp';

/**
 * A server's tools, resources and prompts, each list folded until opened. Names and descriptions are the
 * server's own words: shown as plain text, marked as such, never as markup or as Aura's advice.
 */
export function McpServerLists({ server }: { server: McpServerInfo }) {
  const { t } = useTranslation();
  return (
    <div className="mcp-lists">
      <details className="mcp-list" data-testid="mcp-tools">
        <summary>{t('plugins.lists.tools', { count: server.tools.length })}</summary>
        <p className="muted mcp-list__note">{t('plugins.lists.untrusted')}</p>
        <ul>
          {server.tools.map((tool) => (
            <li key={tool.name} className="mcp-item" data-testid="mcp-tool" data-name={tool.name} data-state={tool.state}>
              <div className="mcp-item__head">
                <code dir="ltr">{tool.name}</code>
                <span className="tag">{t(`plugins.risk.${tool.risk}`)}</span>
                {tool.state === 'held' && <span className="tag tag--danger">{t('plugins.lists.held')}</span>}
              </div>
              {tool.description && (
                <p className="mcp-item__text" dir="auto">
                  {tool.description}
                </p>
              )}
            </li>
          ))}
        </ul>
      </details>
      <details className="mcp-list" data-testid="mcp-resources">
        <summary>{t('plugins.lists.resources', { count: server.resources.length })}</summary>
        <ul>
          {server.resources.map((resource) => (
            <li key={resource.uri} className="mcp-item">
              <div className="mcp-item__head">
                <bdi>{resource.title ?? resource.name}</bdi>
                <code dir="ltr">{resource.uri}</code>
                {resource.mimeType && <span className="tag">{resource.mimeType}</span>}
              </div>
              {resource.description && (
                <p className="mcp-item__text" dir="auto">
                  {resource.description}
                </p>
              )}
            </li>
          ))}
        </ul>
      </details>
      <details className="mcp-list" data-testid="mcp-prompts">
        <summary>{t('plugins.lists.prompts', { count: server.prompts.length })}</summary>
        <ul>
          {server.prompts.map((prompt) => (
            <li key={prompt.name} className="mcp-item">
              <div className="mcp-item__head">
                <code dir="ltr">{prompt.name}</code>
                {prompt.arguments.map((arg) => (
                  <span key={arg.name} className="tag tag--code">
                    {arg.name}
                    {arg.required ? '*' : ''}
                  </span>
                ))}
              </div>
              {prompt.description && (
                <p className="mcp-item__text" dir="auto">
                  {prompt.description}
                </p>
              )}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
