import { useTranslation } from 'react-i18next';
import { planPreview } from './plan-preview';
import { useLiveText } from './use-live-text';

const SEGMENT = 2048;

/**
 * Long turns are drawn in fixed pieces: only the last piece's text node changes as tokens arrive, so
 * each frame touches a few KB of text, not the whole turn.
 */
function segments(text: string): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += SEGMENT) pieces.push(text.slice(at, at + SEGMENT));
  return pieces;
}

/**
 * The model turn being written now. It re-renders once per frame at most, on its own, so the rest of
 * the conversation does not. aria-busy holds announcements back until the turn is complete.
 */
export function LiveTextView({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const live = useLiveText(taskId);
  // The planner writes JSON; its step titles are what a person wants to watch arrive.
  const titles = live?.role === 'planner' ? planPreview(live.text) : [];
  return (
    <div className="live-text" aria-live="polite" aria-busy={live ? true : undefined} data-testid="stream-region">
      {live && (
        <>
          <p className="chat-message__meta">
            <span className="chat-message__role">{t(`tasks.roles.${live.role}`)}</span>
            <span className="live-text__writing">{t('tasks.chat.writing')}</span>
          </p>
          {titles.length > 0 ? (
            <ol className="live-text__body live-text__plan" dir="auto" data-testid="stream-text" data-role={live.role}>
              {titles.map((title, i) => (
                <li key={i}>{title}</li>
              ))}
            </ol>
          ) : (
            <p className="live-text__body" dir="auto" data-testid="stream-text" data-role={live.role}>
              {segments(live.text).map((segment, i) => (
                <span key={i}>{segment}</span>
              ))}
            </p>
          )}
        </>
      )}
    </div>
  );
}
