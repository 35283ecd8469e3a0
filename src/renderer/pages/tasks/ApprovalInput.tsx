import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../hooks/use-formatters';
import { previewValue } from './tool-call-preview';

// Larger than elsewhere: this is what the user decides on, so show as much as stays responsive.
const APPROVAL_PREVIEW_CHARS = 20_000;

/** A waiting call's input as JSON: what the prompt shows when there is nothing more specific to show. */
export function ApprovalInput({ input }: { input: unknown }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const shown = previewValue(input, APPROVAL_PREVIEW_CHARS);
  return (
    <>
      <pre className="code-box" data-testid="approval-input" aria-label={t('approvals.prompt.input')}>
        {shown.text}
      </pre>
      {shown.truncated && <p className="approval__truncated">{t('tasks.approval.truncated', { shown: format.number(APPROVAL_PREVIEW_CHARS), total: format.number(shown.length) })}</p>}
    </>
  );
}
