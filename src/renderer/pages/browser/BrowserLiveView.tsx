import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BrowserSession } from '../../../shared/browser';
import { ErrorNotice } from '../../components/ErrorNotice';
import { keyInput, pagePoint } from './input-events';
import { useBrowserFrames } from './use-browser-frames';
import type { InputQueue } from './use-input-queue';

/** Pointer moves and wheel turns are sent at most this often: enough for hover menus and smooth scrolling. */
const POINTER_MS = 80;

/**
 * The agent's page, live (a JPEG frame each time it changes, at most ten a second). While the user has
 * taken the page over, the view takes their clicks, wheel and keys and sends them to the page.
 */
export function BrowserLiveView({ session, input }: { session: BrowserSession; input: InputQueue }) {
  const { t } = useTranslation();
  const { frame, error } = useBrowserFrames(session.id, session.open);
  const image = useRef<HTMLImageElement>(null);
  const takenOver = session.mode === 'user' && session.open;
  const size = useRef({ width: 1280, height: 800 });
  if (frame) size.current = { width: frame.width, height: frame.height };

  // The wheel needs a listener that may cancel it (React's is passive): the app must not scroll instead.
  const send = input.send;
  useEffect(() => {
    const element = image.current;
    if (!element || !takenOver) return;
    let wheel: { x: number; y: number; deltaX: number; deltaY: number } | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastMove = 0;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const at = pointOn(element, event.clientX, event.clientY, size.current);
      wheel = { ...at, deltaX: (wheel?.deltaX ?? 0) + event.deltaX, deltaY: (wheel?.deltaY ?? 0) + event.deltaY };
      timer ??= setTimeout(() => {
        timer = undefined;
        if (wheel) send({ kind: 'wheel', x: wheel.x, y: wheel.y, deltaX: clampDelta(wheel.deltaX), deltaY: clampDelta(wheel.deltaY) });
        wheel = null;
      }, POINTER_MS);
    };
    const onMove = (event: PointerEvent) => {
      const now = performance.now();
      if (now - lastMove < POINTER_MS) return;
      lastMove = now;
      send({ kind: 'move', ...pointOn(element, event.clientX, event.clientY, size.current) });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('pointermove', onMove);
    return () => {
      clearTimeout(timer);
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('pointermove', onMove);
    };
  }, [takenOver, send]);

  const onClick = (event: MouseEvent<HTMLImageElement>) => {
    if (!takenOver) return;
    event.preventDefault();
    event.currentTarget.focus();
    const at = pointOn(event.currentTarget, event.clientX, event.clientY, size.current);
    send({ kind: 'click', ...at, button: event.button === 1 ? 'middle' : 'left', clickCount: Math.min(3, Math.max(1, event.detail)) });
  };
  const onContextMenu = (event: MouseEvent<HTMLImageElement>) => {
    if (!takenOver) return;
    event.preventDefault();
    send({ kind: 'click', ...pointOn(event.currentTarget, event.clientX, event.clientY, size.current), button: 'right', clickCount: 1 });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLImageElement>) => {
    if (!takenOver) return;
    const key = keyInput(event);
    if (!key) return;
    event.preventDefault();
    send(key);
  };

  let view;
  if (!session.open) view = <p className="browser-live__closed" data-testid="browser-closed">{t('browser.closed')}</p>;
  else if (!frame && error !== null) view = <ErrorNotice error={error} testId="browser-live-error" />;
  else if (!frame)
    view = (
      <p className="browser-live__waiting" role="status" data-testid="browser-live-waiting">
        {t('browser.noFrame')}
      </p>
    );
  else
    view = (
      <img
        ref={image}
        className={takenOver ? 'browser-live__image browser-live__image--taken-over' : 'browser-live__image'}
        src={`data:image/jpeg;base64,${frame.data}`}
        width={frame.width}
        height={frame.height}
        alt={t('browser.liveAlt', { title: session.title || session.url || '' })}
        tabIndex={takenOver ? 0 : -1}
        draggable={false}
        onClick={onClick}
        onAuxClick={onClick}
        onContextMenu={onContextMenu}
        onKeyDown={onKeyDown}
        data-testid="browser-live-image"
        data-seq={frame.seq}
        data-taken-over={takenOver}
      />
    );

  return (
    <figure className="browser-live" data-testid="browser-live" data-mode={session.mode}>
      {view}
      <figcaption className="browser-live__caption">
        {session.url && (
          <span className="browser-live__url" dir="ltr" data-testid="browser-url">
            {session.url}
          </span>
        )}
        {takenOver && <span className="browser-live__hint">{t('browser.takenOverHint')}</span>}
        {input.error !== null && <ErrorNotice error={input.error} testId="browser-input-error" />}
      </figcaption>
    </figure>
  );
}

function pointOn(element: HTMLElement, clientX: number, clientY: number, page: { width: number; height: number }) {
  const box = element.getBoundingClientRect();
  return pagePoint(clientX - box.left, clientY - box.top, { width: box.width, height: box.height }, page);
}

const clampDelta = (delta: number) => Math.max(-10_000, Math.min(10_000, delta));
