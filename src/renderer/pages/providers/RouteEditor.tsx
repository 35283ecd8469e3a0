import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelRole, ModelRoutes } from '../../../shared/providers';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { useSettings } from '../../hooks/use-settings';
import { RoleRoutes } from './RoleRoutes';
import { fromDraft, ROLES, toDraft, type DraftRef, type DraftRoutes } from './route-draft';

type Save = { state: 'idle' } | { state: 'saving' } | { state: 'saved' } | { state: 'failed'; error: unknown };

/**
 * Edits the ordered models of each role. Edits stay a draft until saved; when the saved routes change
 * underneath (Use on a detected provider, another window, the CLI) the draft gives way to them.
 */
export function RouteEditor({ routes }: { routes: ModelRoutes }) {
  const { t } = useTranslation();
  const { update } = useSettings();
  // Compared by value: every settings answer is a new object, even when the routes are the same.
  const routesKey = JSON.stringify(routes);
  const saved = useMemo(() => toDraft(JSON.parse(routesKey) as ModelRoutes), [routesKey]);
  const [draft, setDraft] = useState<{ base: string; routes: DraftRoutes } | null>(null);
  const [save, setSave] = useState<Save>({ state: 'idle' });
  const dirty = draft !== null && draft.base === routesKey;
  const shown = dirty ? draft.routes : saved;

  const edit = (role: ModelRole, refs: DraftRef[]) => {
    setDraft({ base: routesKey, routes: { ...shown, [role]: refs } });
    setSave({ state: 'idle' });
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSave({ state: 'saving' });
    try {
      await update({ key: 'modelRoutes', value: fromDraft(shown) });
      setDraft(null);
      setSave({ state: 'saved' });
    } catch (error) {
      // The host names the field at fault (e.g. "value.executor.0.baseUrl: Invalid URL").
      setSave({ state: 'failed', error });
    }
  };

  return (
    <Panel title={t('providers.routes.title')} description={t('providers.routes.description')}>
      <form className="route-editor" onSubmit={(event) => void submit(event)} noValidate>
        {ROLES.map((role) => (
          <RoleRoutes key={role} role={role} refs={shown[role]} onChange={(refs) => edit(role, refs)} />
        ))}
        <div className="route-editor__actions">
          <Button type="submit" variant="primary" busy={save.state === 'saving'} disabled={save.state === 'saving'} data-testid="routes-save">
            {save.state === 'saving' ? t('providers.routes.saving') : t('providers.routes.save')}
          </Button>
          {dirty && (
            <Button
              variant="ghost"
              onClick={() => {
                setDraft(null);
                setSave({ state: 'idle' });
              }}
              data-testid="routes-discard"
            >
              {t('providers.routes.discard')}
            </Button>
          )}
          <p className="route-editor__status" role="status" data-testid="routes-status">
            {save.state === 'saved' && t('providers.routes.saved')}
            {save.state !== 'saved' && dirty && t('providers.routes.unsaved')}
          </p>
        </div>
        {save.state === 'failed' && <ErrorNotice error={save.error} testId="routes-error" />}
      </form>
    </Panel>
  );
}
