import { useTranslation } from 'react-i18next';
import { isComputerActionTool } from '../../../shared/computer';
import { PREVIEW_TEXT_CHARS, type ApprovalPreview } from '../../../shared/permissions';
import type { ToolCallRecord } from '../../../shared/tasks';
import { MonacoDiff } from '../../components/monaco/MonacoDiff';
import { useFormatters } from '../../hooks/use-formatters';
import { browserStepText, inputActionText } from './approval-action';
import { ApprovalInput } from './ApprovalInput';
import { ApprovalScreenshot } from './ApprovalScreenshot';

type Preview<K extends ApprovalPreview['kind']> = Extract<ApprovalPreview, { kind: K }>;

function FileChange({ preview }: { preview: Preview<'file'> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="approval__file" data-testid="approval-file" data-new={preview.before === null}>
      <p className="approval__label">
        {preview.before === null ? <span className="tag tag--accent">{t('approvals.prompt.file.new')}</span> : t('approvals.prompt.file.changed')}{' '}
        <bdi className="mono" dir="ltr" data-testid="approval-path">
          {preview.path}
        </bdi>
      </p>
      <MonacoDiff path={preview.path} original={preview.before} modified={preview.after} />
      {preview.truncated && <p className="approval__truncated">{t('approvals.prompt.file.truncated', { chars: format.number(PREVIEW_TEXT_CHARS) })}</p>}
    </div>
  );
}

function Command({ preview }: { preview: Preview<'command'> }) {
  const { t } = useTranslation();
  return (
    <div className="approval__command">
      <p className="approval__label">{t('approvals.prompt.command.label')}</p>
      {/* The whole command, wrapped rather than cut: nothing of it may be out of sight. */}
      <pre className="code-box approval__code" dir="ltr" data-testid="approval-command">
        {preview.command}
      </pre>
      <p className="approval__fact" data-testid="approval-cwd">
        {preview.cwd === null ? t('approvals.prompt.command.cwdShell') : t('approvals.prompt.command.cwd', { cwd: preview.cwd })}
      </p>
      <p className={`approval__fact${preview.network ? ' approval__fact--warning' : ''}`} data-testid="approval-network" data-network={preview.network ? 'on' : 'off'}>
        {preview.network ? t('approvals.prompt.command.networkOn') : t('approvals.prompt.command.networkOff')}
      </p>
    </div>
  );
}

function Address({ preview }: { preview: Preview<'url'> }) {
  const { t } = useTranslation();
  return (
    <div className="approval__url">
      <p className="approval__label">{t('approvals.prompt.url.label')}</p>
      {/* Plain text, never a link: the user reads the whole address, nothing opens. */}
      <pre className="code-box approval__code" dir="ltr" data-testid="approval-url">
        {preview.url || t('approvals.prompt.url.noPage')}
      </pre>
      <p className="approval__fact" dir="auto" data-testid="approval-action">
        {t('approvals.prompt.url.action', { action: browserStepText(preview.action, t) })}
      </p>
    </div>
  );
}

/** Exactly what a waiting call would do: a file's diff, a command, an address, a marked screenshot, or its input. */
export function ApprovalDetails({ toolCall, preview }: { toolCall: ToolCallRecord; preview: ApprovalPreview }) {
  const { t } = useTranslation();
  switch (preview.kind) {
    case 'file':
      return <FileChange preview={preview} />;
    case 'command':
      return <Command preview={preview} />;
    case 'url':
      return <Address preview={preview} />;
    case 'screenshot':
      return (
        <>
          <p className="approval__fact" dir="auto" data-testid="approval-action">
            {t('approvals.prompt.screenshot.action', { action: inputActionText(preview.action, t) })}
          </p>
          <ApprovalScreenshot toolCallId={toolCall.id} />
        </>
      );
    case 'none':
      return (
        <>
          <ApprovalInput input={toolCall.input} />
          {isComputerActionTool(toolCall.name) && <ApprovalScreenshot toolCallId={toolCall.id} />}
        </>
      );
  }
}
