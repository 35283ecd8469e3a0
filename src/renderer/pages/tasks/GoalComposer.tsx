import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../shared/tasks';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Select } from '../../components/Select';
import { useClient } from '../../hooks/use-client';
import { useSettings } from '../../hooks/use-settings';
import { TaskProfileChip } from './TaskProfileChip';
import { useWorkspaces } from '../../hooks/use-workspaces';

interface GoalComposerProps {
  label: string;
  /** The data-testid of the goal box, the workspace select, the send button and the error notice. */
  testIds: { goal: string; workspace: string; send: string; error: string };
  /** Called with the task once the host has created and started it. */
  onCreated(task: Task): void;
}

const MAX_GOAL = 8000;

type Outcome = { kind: 'none' } | { kind: 'empty' } | { kind: 'failed'; error: unknown };

/** Describes a new task and starts it in a workspace. Enter sends; Shift+Enter starts a new line. */
export function GoalComposer({ label, testIds, onCreated }: GoalComposerProps) {
  const { t } = useTranslation();
  const client = useClient();
  const { settings } = useSettings();
  const workspaces = useWorkspaces();
  const [goal, setGoal] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const goalBox = useRef<HTMLTextAreaElement>(null);

  const list = workspaces.data ?? [];
  const listed = (id: string | null | undefined) => (id && list.some((workspace) => workspace.id === id) ? id : null);
  // The user's pick, else the default workspace, else the first one.
  const workspaceId = listed(chosen) ?? listed(settings?.defaultWorkspace) ?? list[0]?.id ?? '';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = goal.trim();
    if (!trimmed) {
      setOutcome({ kind: 'empty' });
      goalBox.current?.focus();
      return;
    }
    setBusy(true);
    setOutcome({ kind: 'none' });
    try {
      // Without a workspace the host falls back to the default one, or says what to do.
      const task = await client.call('tasks.create', { goal: trimmed, ...(workspaceId ? { workspaceId } : {}) });
      setGoal('');
      onCreated(task);
    } catch (error) {
      setOutcome({ kind: 'failed', error });
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // isComposing: Enter also confirms a word in an input method (Japanese, Chinese …); that must not send.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  };

  return (
    <form className="composer" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy || undefined}>
      <Field label={label} help={t('tasks.composer.keys')}>
        {({ id, describedBy }) => (
          <textarea
            id={id}
            ref={goalBox}
            className="input composer__goal"
            aria-describedby={describedBy}
            aria-invalid={outcome.kind === 'empty' || undefined}
            placeholder={t('tasks.composer.placeholder')}
            value={goal}
            onChange={(event) => setGoal(event.target.value)}
            onKeyDown={onKeyDown}
            maxLength={MAX_GOAL}
            rows={3}
            dir="auto"
            data-testid={testIds.goal}
          />
        )}
      </Field>
      <div className="composer__bar">
        <Select
          label={t('tasks.composer.workspace')}
          help={workspaces.data?.length === 0 ? t('tasks.composer.noWorkspacesHelp') : undefined}
          value={workspaceId}
          onChange={(event) => setChosen(event.target.value)}
          disabled={list.length === 0}
          testId={testIds.workspace}
        >
          {list.length === 0 && <option value="">{workspaces.data ? t('tasks.composer.noWorkspaces') : t('common.loading')}</option>}
          {list.map((workspace) => (
            <option key={workspace.id} value={workspace.id}>
              {workspace.name}
            </option>
          ))}
        </Select>
        {settings && <TaskProfileChip profile={settings.permissionProfile} upcoming />}
        <Button type="submit" variant="primary" busy={busy} disabled={busy} className="composer__send" data-testid={testIds.send}>
          {busy ? t('tasks.composer.sending') : t('tasks.composer.send')}
        </Button>
      </div>
      {outcome.kind === 'empty' && <ErrorNotice error={null} title={t('tasks.composer.empty')} hint={t('tasks.composer.emptyHint')} testId={testIds.error} />}
      {outcome.kind === 'failed' && <ErrorNotice error={outcome.error} testId={testIds.error} />}
      {workspaces.error !== null && <ErrorNotice error={workspaces.error} onRetry={workspaces.reload} />}
    </form>
  );
}
