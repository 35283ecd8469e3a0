import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ToolCallRecord } from '../../../shared/tasks';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useClient } from '../../hooks/use-client';
import { useFormatters } from '../../hooks/use-formatters';
import { isComputerActionTool } from '../../../shared/computer';
import { ApprovalScreenshot } from './ApprovalScreenshot';
import { previewValue } from './tool-call-preview';

// Larger than elsewhere: this is what the user decides on, so show as much as stays responsive.
const APPROVAL_PREVIEW_CHARS = 20_000;

type Answer = { state: 'idle' } | { state: 'busy'; approve: boolean } | { state: 'failed'; error: unknown };

/** Asks the user to allow or refuse a tool call, showing exactly what it would do. */
export function ApprovalPrompt({ toolCall, onAnswered }: { toolCall: ToolCallRecord; onAnswered(toolCall: ToolCallRecord): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const format = useFormatters();
  const input = previewValue(toolCall.input, APPROVAL_PREVIEW_CHARS);
  const [answer, setAnswer] = useState<Answer>({ state: 'idle' });
  const busy = answer.state === 'busy';

  const send = async (approve: boolean) => {
    setAnswer({ state: 'busy', approve });
    try {
      onAnswered(await client.call('approvals.answer', { toolCallId: toolCall.id, decision: approve ? 'once' : 'deny' }));
      setAnswer({ state: 'idle' });
    } catch (error) {
      setAnswer({ state: 'failed', error });
    }
  };

  return (
    <div className="approval" role="group" aria-label={t('tasks.approval.label', { name: toolCall.name })}>
      <p className="approval__question">{t('tasks.approval.question')}</p>
      <pre className="code-box" data-testid="approval-input">
        {input.text}
      </pre>
      {input.truncated && (
        <p className="approval__truncated">{t('tasks.approval.truncated', { shown: format.number(APPROVAL_PREVIEW_CHARS), total: format.number(input.length) })}</p>
      )}
      {isComputerActionTool(toolCall.name) && <ApprovalScreenshot toolCallId={toolCall.id} />}
      <div className="button-row">
        <Button variant="primary" size="sm" onClick={() => void send(true)} disabled={busy} busy={busy && answer.approve} data-testid="approval-approve">
          {t('tasks.approval.approve')}
        </Button>
        <Button variant="danger" size="sm" onClick={() => void send(false)} disabled={busy} busy={busy && !answer.approve} data-testid="approval-deny">
          {t('tasks.approval.deny')}
        </Button>
      </div>
      {answer.state === 'failed' && <ErrorNotice error={answer.error} testId="approval-error" />}
    </div>
  );
}
