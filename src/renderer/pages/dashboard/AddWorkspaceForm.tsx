import { useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Workspace } from '../../../shared/contract';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/TextField';
import { useClient } from '../../hooks/use-client';

type Outcome = { kind: 'none' } | { kind: 'missing' } | { kind: 'failed'; error: unknown } | { kind: 'added'; name: string };

/** Registers a folder as a workspace; the host checks that the folder exists and is not listed yet. */
export function AddWorkspaceForm({ onAdded }: { onAdded: (workspace: Workspace) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [name, setName] = useState('');
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const form = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const trimmedName = name.trim();
    const trimmedPath = path.trim();
    if (!trimmedName || !trimmedPath) {
      setOutcome({ kind: 'missing' });
      const firstEmpty = form.current?.elements.namedItem(trimmedName ? 'path' : 'name');
      if (firstEmpty instanceof HTMLInputElement) firstEmpty.focus();
      return;
    }
    setBusy(true);
    setOutcome({ kind: 'none' });
    try {
      const workspace = await client.call('workspaces.add', { name: trimmedName, path: trimmedPath });
      setName('');
      setPath('');
      setOutcome({ kind: 'added', name: workspace.name });
      onAdded(workspace);
    } catch (error) {
      setOutcome({ kind: 'failed', error });
    } finally {
      setBusy(false);
    }
  };

  const missing = outcome.kind === 'missing';
  return (
    <form className="add-workspace" ref={form} onSubmit={(event) => void submit(event)} noValidate>
      <h3 className="add-workspace__title">{t('dashboard.addWorkspace.title')}</h3>
      <div className="add-workspace__fields">
        <TextField
          label={t('dashboard.addWorkspace.name')}
          placeholder={t('dashboard.addWorkspace.namePlaceholder')}
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={120}
          autoComplete="off"
          aria-invalid={missing && !name.trim() ? true : undefined}
          testId="workspace-name"
        />
        <TextField
          label={t('dashboard.addWorkspace.path')}
          help={t('dashboard.addWorkspace.pathHelp')}
          placeholder={t('dashboard.addWorkspace.pathPlaceholder')}
          name="path"
          value={path}
          onChange={(event) => setPath(event.target.value)}
          maxLength={4096}
          autoComplete="off"
          spellCheck={false}
          dir="ltr"
          className="input input--mono"
          aria-invalid={missing && !path.trim() ? true : undefined}
          testId="workspace-path"
        />
      </div>
      <div className="add-workspace__actions">
        <Button type="submit" variant="primary" busy={busy} disabled={busy} data-testid="workspace-add">
          {busy ? t('dashboard.addWorkspace.submitting') : t('dashboard.addWorkspace.submit')}
        </Button>
        <p className="add-workspace__status" role="status">
          {outcome.kind === 'added' && (
            <Trans i18nKey="dashboard.addWorkspace.success" values={{ name: outcome.name }} components={{ name: <bdi /> }} />
          )}
        </p>
      </div>
      {missing && (
        <ErrorNotice
          error={null}
          title={t('dashboard.addWorkspace.missingFields')}
          hint={t('dashboard.addWorkspace.missingFieldsHint')}
          testId="workspace-error"
        />
      )}
      {outcome.kind === 'failed' && <ErrorNotice error={outcome.error} testId="workspace-error" />}
    </form>
  );
}
