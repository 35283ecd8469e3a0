import { useTranslation } from 'react-i18next';
import { Button } from './Button';
import { classNames } from './class-names';
import { errorDetails } from './error-details';

interface ErrorNoticeProps {
  error: unknown;
  /** Replace the error's own words, for failures the renderer detects itself. */
  title?: string;
  hint?: string;
  onRetry?: (() => void) | undefined;
  testId?: string;
  className?: string;
}

/** Says what failed and what to do next: the error's message, its hint and its code. */
export function ErrorNotice({ error, title, hint: givenHint, onRetry, testId, className }: ErrorNoticeProps) {
  const { t } = useTranslation();
  const details = errorDetails(error);
  const message = title ?? details.message ?? t('errors.generic');
  const hint = givenHint ?? details.hint ?? (details.message || title ? null : t('errors.genericHint'));
  return (
    <div className={classNames('notice', 'notice--error', className)} role="alert" data-testid={testId}>
      <svg className="notice__icon" viewBox="0 0 20 20" aria-hidden="true">
        <circle cx="10" cy="10" r="8.25" />
        <path d="M10 5.75v5.5M10 13.5v.75" />
      </svg>
      <div className="notice__body">
        <p className="notice__message">{message}</p>
        {hint && <p className="notice__hint">{hint}</p>}
        {details.code && !title && <p className="notice__code">{t('errors.code', { code: details.code })}</p>}
      </div>
      {onRetry && (
        <Button size="sm" variant="secondary" className="notice__action" onClick={onRetry}>
          {t('errors.tryAgain')}
        </Button>
      )}
    </div>
  );
}
