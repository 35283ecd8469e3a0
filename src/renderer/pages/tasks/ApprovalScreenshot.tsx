import { useTranslation } from 'react-i18next';
import type { ApprovalImage } from '../../../shared/computer';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { useProcedure } from '../../hooks/use-procedure';
import { ScreenImage } from '../computer/ScreenImage';

/** The crop around the target, at the screen's own pixels (CSS px). */
const ZOOM = { width: 360, height: 200 };

/** The screen around the point an action targets, unscaled, so the red ring is plain to see. */
function TargetZoom({ image, target }: { image: NonNullable<ApprovalImage['image']>; target: NonNullable<ApprovalImage['target']> }) {
  const { t } = useTranslation();
  // Positioned through the CSSOM (React's style prop), which the strict CSP allows; never an inline style attribute.
  const left = Math.min(0, Math.max(ZOOM.width - image.width, ZOOM.width / 2 - target.x));
  const top = Math.min(0, Math.max(ZOOM.height - image.height, ZOOM.height / 2 - target.y));
  return (
    <div className="approval__zoom" style={{ inlineSize: `${ZOOM.width}px`, blockSize: `${ZOOM.height}px` }} data-testid="approval-zoom">
      <img src={`data:image/png;base64,${image.image}`} width={image.width} height={image.height} alt={t('computer.approval.zoomAlt', { x: target.x, y: target.y })} style={{ left: `${left}px`, top: `${top}px` }} />
    </div>
  );
}

/** What a waiting computer action would act on: a screenshot taken as it asked, its target marked in red. */
export function ApprovalScreenshot({ toolCallId }: { toolCallId: string }) {
  const { t } = useTranslation();
  const shot = useProcedure('computer.approvalImage', { toolCallId });
  if (!shot.data) return shot.error !== null ? <ErrorNotice error={shot.error} onRetry={shot.reload} /> : <LoadingState />;
  const { image, reason, target } = shot.data;
  if (!image) {
    return (
      <p className="approval__no-screenshot" data-testid="approval-no-screenshot" dir="auto">
        {t('computer.approval.none', { reason: reason ?? '' })}
      </p>
    );
  }
  return (
    <figure className="approval__screenshot">
      {target && <TargetZoom image={image} target={target} />}
      <ScreenImage image={image} alt={t('computer.approval.alt')} testId="approval-screenshot" />
      <figcaption>{t('computer.approval.caption')}</figcaption>
    </figure>
  );
}
