import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskOverview } from '../../../shared/task-history';
import type { ToolCallRecord } from '../../../shared/tasks';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { ChatMessage } from './ChatMessage';
import { LiveTextView } from './LiveTextView';
import { ReviewVerdict } from './ReviewVerdict';
import { buildTimeline } from './task-timeline';
import { olderCount } from './task-view-state';
import { ToolCallCard } from './ToolCallCard';
import type { OlderPageState } from './use-task-detail';

interface TaskChatProps {
  detail: TaskOverview;
  /** A tool call as the host returned it after an approval answer. */
  onToolCall(toolCall: ToolCallRecord): void;
  onShowEarlier(): void;
  earlier: OlderPageState;
}

/** The conversation: the goal, the plan, tool calls with their approvals, summaries and reviews, then the live turn. */
export function TaskChat({ detail, onToolCall, onShowEarlier, earlier }: TaskChatProps) {
  const { t } = useTranslation();
  const { messages, toolCalls, reviews } = detail;
  const timeline = useMemo(() => buildTimeline({ messages, toolCalls, reviews }), [messages, toolCalls, reviews]);
  const hidden = olderCount(detail);
  const busy = earlier.state === 'loading';
  return (
    <Panel title={t('tasks.chat.title')} className="task-chat">
      {detail.hasOlder && (
        <div className="chat-earlier">
          <Button size="sm" variant="ghost" onClick={onShowEarlier} disabled={busy} busy={busy} data-testid="chat-show-earlier">
            {busy ? t('tasks.chat.loadingEarlier') : t('tasks.chat.showEarlier', { count: hidden })}
          </Button>
          {earlier.state === 'failed' && <ErrorNotice error={earlier.error} onRetry={onShowEarlier} testId="chat-earlier-error" />}
        </div>
      )}
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
