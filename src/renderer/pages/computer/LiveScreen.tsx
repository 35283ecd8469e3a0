import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { useFormatters } from '../../hooks/use-formatters';
import { ScreenImage } from './ScreenImage';
import { useLiveScreen } from './use-live-screen';

/** The screen as it is now, refreshed about once a second while the page is in sight. */
export function LiveScreen({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { frame, error } = useLiveScreen(enabled);
  if (!frame && error) return <ErrorNotice error={error} testId="computer-live-error" />;
  if (!frame) return <LoadingState />;
  return (
    <figure className="live-screen" data-testid="computer-live" data-at={frame.at}>
      <ScreenImage image={frame} alt={t('computer.live.alt')} testId="computer-live-image" />
      <figcaption className="live-screen__caption">
        {t('computer.live.caption', { time: format.dateTime(frame.at) })}
        {error !== null && <span className="live-screen__stale"> {t('computer.live.stale')}</span>}
      </figcaption>
    </figure>
  );
}
