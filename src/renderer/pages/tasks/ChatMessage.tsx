import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskMessage } from '../../../shared/tasks';
import { Markdown } from '../../components/Markdown';
import { useFormatters } from '../../hooks/use-formatters';

/** One message of the conversation, its text rendered as safe Markdown. */
export const ChatMessage = memo(function ChatMessage({ message }: { message: TaskMessage }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <li className={`chat-message chat-message--${message.role}`} data-testid="chat-message" data-role={message.role}>
      <p className="chat-message__meta">
        <span className="chat-message__role">{t(`tasks.roles.${message.role}`)}</span>
        <time dateTime={message.createdAt}>{format.dateTime(message.createdAt)}</time>
      </p>
      <Markdown source={message.content} className="chat-message__body" />
    </li>
  );
});
