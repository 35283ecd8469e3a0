import { useTranslation } from 'react-i18next';
import type { ToolCallRecord } from '../../../shared/tasks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { useProcedure } from '../../hooks/use-procedure';
import { ApprovalAnswers } from './ApprovalAnswers';
import { ApprovalDetails } from './ApprovalDetails';
import { ApprovalInput } from './ApprovalInput';

/** Asks the user about a waiting tool call, showing exactly what it would do (`approvals.preview`). */
export function ApprovalPrompt({ toolCall, onAnswered }: { toolCall: ToolCallRecord; onAnswered(toolCall: ToolCallRecord): void }) {
  const { t } = useTranslation();
  const preview = useProcedure('approvals.preview', { toolCallId: toolCall.id });
  return (
    <div className="approval" role="group" aria-label={t('tasks.approval.label', { name: toolCall.name })} data-testid="approval" data-preview={preview.data?.kind}>
      <p className="approval__question">{t('approvals.prompt.question', { name: toolCall.name })}</p>
      {preview.data ? (
        <ApprovalDetails toolCall={toolCall} preview={preview.data} />
      ) : preview.error !== null ? (
        <>
          <ErrorNotice error={preview.error} title={t('approvals.prompt.previewFailed')} onRetry={preview.reload} testId="approval-preview-error" />
          <ApprovalInput input={toolCall.input} />
        </>
      ) : (
        <LoadingState />
      )}
      <ApprovalAnswers toolCall={toolCall} onAnswered={onAnswered} />
    </div>
  );
}
