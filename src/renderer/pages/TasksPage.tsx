import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { openTask } from '../navigation/route';
import { GoalComposer } from './tasks/GoalComposer';
import { TaskList } from './tasks/TaskList';
import { TaskView } from './tasks/TaskView';

const CHAT_COMPOSER_IDS = { goal: 'chat-input', workspace: 'chat-workspace', send: 'chat-send', error: 'chat-error' };

/** The task list beside the conversation of the selected task (`#/tasks/<id>`), with a composer for a new task. */
export function TasksPage({ taskId }: { taskId: string | null }) {
  const { t } = useTranslation();
  const composerTitle = useId();
  return (
    <div className="page page--wide">
      <PageHeader title={t('tasks.title')} subtitle={t('tasks.subtitle')} />
      <div className="tasks-layout">
        <TaskList selectedId={taskId} />
        <div className="tasks-layout__main">
          {/* Keyed: each task gets fresh state, and its live text never carries over to another. */}
          {taskId ? <TaskView key={taskId} taskId={taskId} /> : <EmptyState testId="task-none">{t('tasks.noneSelected')}</EmptyState>}
          <section className="composer-dock" aria-labelledby={composerTitle}>
            <h2 className="visually-hidden" id={composerTitle}>
              {t('tasks.composer.title')}
            </h2>
            <GoalComposer label={t('tasks.composer.label')} testIds={CHAT_COMPOSER_IDS} onCreated={openTask} />
          </section>
        </div>
      </div>
    </div>
  );
}
