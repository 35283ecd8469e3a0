import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ToolCallPreview } from '../../../shared/task-history';
import type { ToolCallRecord } from '../../../shared/tasks';
import { useFormatters } from '../../hooks/use-formatters';
import { ApprovalPrompt } from './ApprovalPrompt';
import { inputSummary, previewValue } from './tool-call-preview';
import { ToolCallOutput } from './ToolCallOutput';

interface ToolCallCardProps {
  toolCall: ToolCallPreview;
  onAnswered(toolCall: ToolCallRecord): void;
}

/** One tool call: what it was asked, its status and time, what it returned or why it failed, and the approval it waits for. */
export const ToolCallCard = memo(function ToolCallCard({ toolCall, onAnswered }: ToolCallCardProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { name, status, risk, error, durationMs } = toolCall;
  const target = inputSummary(toolCall.input);
  const waiting = status === 'waiting_approval';
  return (
    <li className={`tool-card tool-card--${status}`} data-testid="tool-card" data-status={status} data-tool={name} data-tool-call-id={toolCall.id}>
      <div className="tool-card__head">
        <span className="tag tag--code">{name}</span>
        {target && (
          <bdi className="tool-card__target" dir="ltr" title={target}>
            {target}
          </bdi>
        )}
        <span className="tool-card__facts">
          {risk && <span className="tag">{t(`tasks.risk.${risk}`)}</span>}
          <span className={`tool-status tool-status--${status}`}>{t(`tasks.toolStatus.${status}`)}</span>
          {durationMs !== null && <span className="tool-card__duration">{format.elapsed(durationMs)}</span>}
        </span>
      </div>
      {waiting ? (
        <ApprovalPrompt toolCall={toolCall} onAnswered={onAnswered} />
      ) : (
        <details className="tool-card__section">
          <summary>{t('tasks.tool.input')}</summary>
          <pre className="code-box">{previewValue(toolCall.input).text}</pre>
        </details>
      )}
      {error && (
        <div className="tool-card__error" data-testid="tool-error" data-code={error.code}>
          <p>{t(`errors.codes.${error.code}.title`)}</p>
          {/* The specifics (a path, the tool's own words) as the tool gave them. */}
          <p dir="auto" className="tool-card__error-detail">
            {error.message}
            {error.hint && ` ${error.hint}`}
          </p>
        </div>
      )}
      <ToolCallOutput toolCall={toolCall} />
    </li>
  );
});
