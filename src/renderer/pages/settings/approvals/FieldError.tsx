import { useTranslation } from 'react-i18next';
import type { FieldErrorKind } from './profile-draft';

/** What is wrong with one field, under it; announced as it appears. */
export function FieldError({ field, kind }: { field: string; kind: FieldErrorKind | undefined }) {
  const { t } = useTranslation();
  if (!kind) return null;
  return (
    <p className="field__error" role="alert" data-testid="field-error" data-field={field}>
      {t(`approvals.settings.editor.errors.${kind}`)}
    </p>
  );
}
