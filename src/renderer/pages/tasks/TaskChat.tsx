import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskDetail, ToolCallRecord } from '../../../shared/tasks';
import { Panel } from '../../components/Panel';
import { ChatMessage } from './ChatMessage';
import { LiveTextView } from './LiveTextView';
import { ReviewVerdict } from './ReviewVerdict';
import { buildTimeline } from './task-timeline';
import { ToolCallCard } from './ToolCallCard';

interface TaskChatProps {
  detail: TaskDetail;
  /** A tool call as the host returned it after an approval answer. */
  onToolCall(toolCall: ToolCallRecord): void;
}

/** The conversation: the goal, the plan, tool calls with their approvals, summaries and reviews, then the live turn. */
export function TaskChat({ detail, onToolCall }: TaskChatProps) {
  const { t } = useTranslation();
  const { messages, toolCalls, reviews } = detail;
  const timeline = useMemo(() => buildTimeline({ messages, toolCalls, reviews }), [messages, toolCalls, reviews]);
  return (
    <Panel title={t('tasks.chat.title')} className="task-chat">
      {/* role="log": finished entries are announced as they are added; the live turn has its own region. */}
      <div role="log" aria-label={t('tasks.chat.title')}>
        <ol className="chat">
          {timeline.map((entry) => {
            switch (entry.kind) {
              case 'message':
                return <ChatMessage key={entry.id} message={entry.message} />;
              case 'toolCall':
                return <ToolCallCard key={entry.id} toolCall={entry.toolCall} onAnswered={onToolCall} />;
              case 'review':
                return <ReviewVerdict key={entry.id} review={entry.review} />;
            }
          })}
        </ol>
      </div>
      <LiveTextView taskId={detail.task.id} />
    </Panel>
  );
}
