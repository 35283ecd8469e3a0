import { useTranslation } from 'react-i18next';
import { useLiveText } from './use-live-text';

/**
 * The model turn being written now. It re-renders once per frame at most, on its own, so the rest of
 * the conversation does not. aria-busy holds announcements back until the turn is complete.
 */
export function LiveTextView({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const live = useLiveText(taskId);
  return (
    <div className="live-text" aria-live="polite" aria-busy={live ? true : undefined} data-testid="stream-region">
      {live && (
        <>
          <p className="chat-message__meta">
            <span className="chat-message__role">{t(`tasks.roles.${live.role}`)}</span>
            <span className="live-text__writing">{t('tasks.chat.writing')}</span>
          </p>
          <p className="live-text__body" dir="auto" data-testid="stream-text" data-role={live.role}>
            {live.text}
          </p>
        </>
      )}
    </div>
  );
}
