import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ToolCallPreview } from '../../../shared/task-history';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useClient } from '../../hooks/use-client';
import { useFormatters } from '../../hooks/use-formatters';
import { DiffView } from './DiffView';
import { outputDiff, previewValue } from './tool-call-preview';

/** Asked for by the user, so shown whole, up to a size a text box still scrolls smoothly. */
const FULL_OUTPUT_CHARS = 1_000_000;
const FULL_DIFF_LINES = 20_000;

type Full = { state: 'preview' } | { state: 'loading' } | { state: 'loaded'; output: unknown } | { state: 'failed'; error: unknown };

/**
 * What a tool call returned: an edit's diff, or the output as text. A page carries a preview of a long
 * output; "Show full output" fetches the whole of it for this card only.
 */
export function ToolCallOutput({ toolCall }: { toolCall: ToolCallPreview }) {
  const { t } = useTranslation();
  const client = useClient();
  const format = useFormatters();
  const [full, setFull] = useState<Full>({ state: 'preview' });
  const output = full.state === 'loaded' ? full.output : toolCall.output;
  const cut = toolCall.outputTruncated && full.state !== 'loaded';
  if (output === null || output === undefined) return null;
  const diff = outputDiff(output);

  const showFull = () => {
    setFull({ state: 'loading' });
    client.call('tasks.toolCallOutput', { id: toolCall.id }).then(
      (reply) => setFull({ state: 'loaded', output: reply.output }),
      (error: unknown) => setFull({ state: 'failed', error }),
    );
  };

  return (
    <>
      {diff !== null ? (
        <DiffView diff={diff} {...(full.state === 'loaded' ? { maxLines: FULL_DIFF_LINES } : {})} />
      ) : (
        <details className="tool-card__section" open={full.state === 'loaded' || undefined}>
          <summary>{t('tasks.tool.output')}</summary>
          <pre className="code-box" data-testid="tool-output" data-full={full.state === 'loaded' || !toolCall.outputTruncated}>
            {previewValue(output, full.state === 'loaded' ? FULL_OUTPUT_CHARS : undefined).text}
          </pre>
        </details>
      )}
      {cut && (
        <p className="tool-card__preview" data-testid="tool-output-preview">
          {toolCall.outputBytes !== null && t('tasks.tool.previewOf', { total: format.bytes(toolCall.outputBytes) })}{' '}
          <Button size="sm" variant="ghost" onClick={showFull} disabled={full.state === 'loading'} busy={full.state === 'loading'} data-testid="tool-output-full">
            {full.state === 'loading' ? t('tasks.tool.loadingFull') : t('tasks.tool.showFull')}
          </Button>
        </p>
      )}
      {full.state === 'failed' && <ErrorNotice error={full.error} onRetry={showFull} testId="tool-output-error" />}
    </>
  );
}
