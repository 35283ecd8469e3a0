import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { useProcedure } from '../../hooks/use-procedure';
import { ScreenImage } from '../computer/ScreenImage';

/** What a waiting computer action would act on: a screenshot taken as it asked, its target marked in red. */
export function ApprovalScreenshot({ toolCallId }: { toolCallId: string }) {
  const { t } = useTranslation();
  const shot = useProcedure('computer.approvalImage', { toolCallId });
  if (!shot.data) return shot.error !== null ? <ErrorNotice error={shot.error} onRetry={shot.reload} /> : <LoadingState />;
  if (!shot.data.image) {
    return (
      <p className="approval__no-screenshot" data-testid="approval-no-screenshot" dir="auto">
        {t('computer.approval.none', { reason: shot.data.reason ?? '' })}
      </p>
    );
  }
  return (
    <figure className="approval__screenshot">
      <ScreenImage image={shot.data.image} alt={t('computer.approval.alt')} testId="approval-screenshot" />
      <figcaption>{t('computer.approval.caption')}</figcaption>
    </figure>
  );
}
