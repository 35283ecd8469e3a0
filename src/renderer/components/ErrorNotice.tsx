import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../shared/errors';
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

/**
 * Says what failed and what to do next, in the user's language: the cause and advice come from the
 * error's code; the host's own words (a provider's message, a path) are the collapsed details.
 */
export function ErrorNotice({ error, title, hint: givenHint, onRetry, testId, className }: ErrorNoticeProps) {
  const { t } = useTranslation();
  const details = errorDetails(error);
  const code = details.code as ErrorCode | null;
  const message = title ?? (code ? t(`errors.codes.${code}.title`) : t('errors.generic'));
  const hint = givenHint ?? (code ? t(`errors.codes.${code}.hint`) : title ? null : t('errors.genericHint'));
  return (
    <div className={classNames('notice', 'notice--error', className)} role="alert" data-testid={testId} data-code={details.code ?? undefined}>
      <svg className="notice__icon" viewBox="0 0 20 20" aria-hidden="true">
        <circle cx="10" cy="10" r="8.25" />
        <path d="M10 5.75v5.5M10 13.5v.75" />
      </svg>
      <div className="notice__body">
        <p className="notice__message">{message}</p>
        {hint && <p className="notice__hint">{hint}</p>}
        {details.message && (
          <details className="notice__details">
            <summary>{t('errors.details')}</summary>
            <p dir="auto" className="notice__detail-text">
              {details.message}
              {details.hint ? ` ${details.hint}` : ''}
            </p>
            {details.code && <p className="notice__code">{t('errors.code', { code: details.code })}</p>}
          </details>
        )}
      </div>
      {onRetry && (
        <Button size="sm" variant="secondary" className="notice__action" onClick={onRetry}>
          {t('errors.tryAgain')}
        </Button>
      )}
    </div>
  );
}
