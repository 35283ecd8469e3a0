import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RISKS, type PermissionProfileDoc, type ProfileDraft } from '../../../../shared/permissions';
import { Button } from '../../../components/Button';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Panel } from '../../../components/Panel';
import { TextField } from '../../../components/TextField';
import { useClient } from '../../../hooks/use-client';
import { FieldError } from './FieldError';
import { PathRulesEditor } from './PathRulesEditor';
import { draftErrors, draftOf, type FieldErrorKind } from './profile-draft';
import { RuleDecision } from './RuleDecision';
import { ToolRulesEditor } from './ToolRulesEditor';

type Save = { state: 'idle' } | { state: 'saving' } | { state: 'saved' } | { state: 'failed'; error: unknown };

interface ProfileEditorProps {
  profile: PermissionProfileDoc;
  onSaved(profile: PermissionProfileDoc): void;
  onClose(): void;
}

/** Edits a custom profile: its name, its default per risk, its tool and path rules; checked with the shared schema before saving. */
export function ProfileEditor({ profile, onSaved, onClose }: ProfileEditorProps) {
  const { t } = useTranslation();
  const client = useClient();
  const statusId = useId();
  const [draft, setDraft] = useState<ProfileDraft>(() => draftOf(profile));
  const [errors, setErrors] = useState<Record<string, FieldErrorKind>>({});
  const [save, setSave] = useState<Save>({ state: 'idle' });

  // Errors shown are re-checked as the user fixes them, never added while typing.
  const change = (next: ProfileDraft) => {
    setDraft(next);
    if (Object.keys(errors).length) setErrors(draftErrors(next));
    if (save.state === 'saved') setSave({ state: 'idle' });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = draftErrors(draft);
    setErrors(found);
    if (Object.keys(found).length) return;
    setSave({ state: 'saving' });
    try {
      onSaved(await client.call('profiles.save', { id: profile.id, draft }));
      setSave({ state: 'saved' });
    } catch (error) {
      setSave({ state: 'failed', error });
    }
  };

  const invalid = Object.keys(errors).length > 0;
  return (
    <Panel title={t('approvals.settings.editor.title', { name: profile.name })}>
      <form className="profile-editor" onSubmit={(event) => void submit(event)} noValidate data-testid="profile-editor" data-profile={profile.id}>
        <div>
          <TextField label={t('approvals.settings.editor.name')} value={draft.name} maxLength={80} dir="auto" aria-invalid={errors.name ? true : undefined} onChange={(event) => change({ ...draft, name: event.target.value })} testId="profile-name" />
          <FieldError field="name" kind={errors.name} />
        </div>
        <fieldset className="form-stack">
          <legend className="field__label">{t('approvals.settings.editor.defaults')}</legend>
          <p className="field__help">{t('approvals.settings.editor.defaultsHelp')}</p>
          <div className="profile-editor__risks">
            {RISKS.map((risk) => (
              <RuleDecision key={risk} label={t(`approvals.settings.risk.${risk}`)} value={draft.risks[risk]} onChange={(decision) => change({ ...draft, risks: { ...draft.risks, [risk]: decision } })} testId={`profile-risk-${risk}`} />
            ))}
          </div>
        </fieldset>
        <ToolRulesEditor rules={draft.tools} errors={errors} onChange={(tools) => change({ ...draft, tools })} />
        <PathRulesEditor rules={draft.paths} errors={errors} onChange={(paths) => change({ ...draft, paths })} />
        <div className="button-row">
          <Button type="submit" variant="primary" disabled={save.state === 'saving'} busy={save.state === 'saving'} aria-describedby={statusId} data-testid="profile-save">
            {save.state === 'saving' ? t('approvals.settings.editor.saving') : t('approvals.settings.editor.save')}
          </Button>
          <Button variant="ghost" onClick={onClose} data-testid="profile-editor-close">
            {t('approvals.settings.editor.cancel')}
          </Button>
        </div>
        <p className="form-stack__status" role="status" id={statusId} data-testid="profile-status" data-state={invalid ? 'invalid' : save.state}>
          {invalid ? t('approvals.settings.editor.invalid') : save.state === 'saved' ? t('approvals.settings.editor.saved') : ''}
        </p>
        {save.state === 'failed' && <ErrorNotice error={save.error} testId="profile-save-error" />}
      </form>
    </Panel>
  );
}
