import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalDecision } from '../../../shared/permissions';
import type { ToolCallRecord } from '../../../shared/tasks';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useClient } from '../../hooks/use-client';

const NOTE_MAX = 2000;

/** The answers to a waiting call: allow once, for the task, always (a rule in the profile), or deny with a note. */
export function ApprovalAnswers({ toolCall, onAnswered }: { toolCall: ToolCallRecord; onAnswered(toolCall: ToolCallRecord): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const ids = useId();
  const [denying, setDenying] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<ApprovalDecision | null>(null);
  const [error, setError] = useState<unknown>(null);
  const noteField = useRef<HTMLTextAreaElement>(null);
  const denyButton = useRef<HTMLButtonElement>(null);
  const wasDenying = useRef(false);

  // Focus follows the step: into the note when it opens, back to "Deny…" when the user goes back.
  useEffect(() => {
    if (denying) noteField.current?.focus();
    else if (wasDenying.current) denyButton.current?.focus();
    wasDenying.current = denying;
  }, [denying]);

  const send = async (decision: ApprovalDecision) => {
    setBusy(decision);
    setError(null);
    const trimmed = note.trim();
    try {
      onAnswered(await client.call('approvals.answer', { toolCallId: toolCall.id, decision, ...(decision === 'deny' && trimmed ? { note: trimmed } : {}) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const deny = (event: FormEvent) => {
    event.preventDefault();
    void send('deny');
  };
  const disabled = busy !== null;

  return (
    <div className="approval__answers" role="group" aria-label={t('approvals.prompt.answers.label')}>
      {denying ? (
        <form className="approval__deny" onSubmit={deny}>
          <label className="field__label" htmlFor={`${ids}-note`}>
            {t('approvals.prompt.answers.noteLabel')}
          </label>
          <textarea
            id={`${ids}-note`}
            ref={noteField}
            className="input approval__note"
            rows={3}
            maxLength={NOTE_MAX}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setDenying(false);
            }}
            aria-describedby={`${ids}-note-help`}
            dir="auto"
            data-testid="approval-note"
          />
          <p className="field__help" id={`${ids}-note-help`}>
            {t('approvals.prompt.answers.noteHelp')}
          </p>
          <div className="button-row">
            <Button type="submit" variant="danger" size="sm" disabled={disabled} busy={busy === 'deny'} data-testid="approval-deny-confirm">
              {t('approvals.prompt.answers.denyConfirm')}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setDenying(false)} disabled={disabled} data-testid="approval-deny-back">
              {t('approvals.prompt.answers.back')}
            </Button>
          </div>
        </form>
      ) : (
        <>
          <div className="button-row">
            <Button variant="primary" size="sm" onClick={() => void send('once')} disabled={disabled} busy={busy === 'once'} data-testid="approval-approve">
              {t('approvals.prompt.answers.once')}
            </Button>
            <Button size="sm" onClick={() => void send('task')} disabled={disabled} busy={busy === 'task'} data-testid="approval-task">
              {t('approvals.prompt.answers.task')}
            </Button>
            <Button size="sm" onClick={() => void send('always')} disabled={disabled} busy={busy === 'always'} aria-describedby={`${ids}-always`} data-testid="approval-always">
              {t('approvals.prompt.answers.always')}
            </Button>
            <Button ref={denyButton} variant="danger" size="sm" onClick={() => setDenying(true)} disabled={disabled} aria-expanded={false} data-testid="approval-deny">
              {t('approvals.prompt.answers.deny')}
            </Button>
          </div>
          <p className="approval__help" id={`${ids}-always`}>
            {t('approvals.prompt.answers.alwaysHelp', { name: toolCall.name })}
          </p>
        </>
      )}
      {error !== null && <ErrorNotice error={error} testId="approval-error" />}
    </div>
  );
}
