import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ToolRule } from '../../../../shared/permissions';
import { Button } from '../../../components/Button';
import { TextField } from '../../../components/TextField';
import { useProcedure } from '../../../hooks/use-procedure';
import { FieldError } from './FieldError';
import { NEW_TOOL_RULE, replaceAt, type FieldErrorKind } from './profile-draft';
import { RuleDecision } from './RuleDecision';

interface ToolRulesEditorProps {
  rules: ToolRule[];
  errors: Record<string, FieldErrorKind>;
  onChange(rules: ToolRule[]): void;
}

/** A profile's tool rules: a tool's name (suggested from the tools there are) or a prefix*, and a decision. */
export function ToolRulesEditor({ rules, errors, onChange }: ToolRulesEditorProps) {
  const { t } = useTranslation();
  const listId = useId();
  const tools = useProcedure('tools.list', {});
  return (
    <fieldset className="form-stack" data-testid="tool-rules">
      <legend className="field__label">{t('approvals.settings.editor.toolRules')}</legend>
      <p className="field__help">{t('approvals.settings.editor.toolRulesHelp')}</p>
      <datalist id={listId}>
        {tools.data?.map((tool) => (
          <option key={tool.name} value={tool.name} />
        ))}
      </datalist>
      {rules.length === 0 && <p className="field__help">{t('approvals.settings.editor.noRules')}</p>}
      <ol className="rule-list">
        {rules.map((rule, index) => (
          <li key={index} className="rule-row" data-testid="tool-rule">
            <div className="rule-row__field">
              <TextField
                label={t('approvals.settings.editor.tool')}
                value={rule.tool}
                list={listId}
                dir="ltr"
                spellCheck={false}
                autoComplete="off"
                aria-invalid={errors[`tools.${index}.tool`] ? true : undefined}
                onChange={(event) => onChange(replaceAt(rules, index, { ...rule, tool: event.target.value }))}
                testId="tool-rule-tool"
              />
              <FieldError field={`tools.${index}.tool`} kind={errors[`tools.${index}.tool`]} />
            </div>
            <RuleDecision label={t('approvals.settings.editor.decision')} value={rule.decision} onChange={(decision) => onChange(replaceAt(rules, index, { ...rule, decision }))} testId="tool-rule-decision" />
            <Button size="sm" variant="ghost" onClick={() => onChange(replaceAt(rules, index, null))} aria-label={t('approvals.settings.editor.removeRule', { index: index + 1 })} data-testid="tool-rule-remove">
              {t('approvals.settings.editor.remove')}
            </Button>
          </li>
        ))}
      </ol>
      <FieldError field="tools" kind={errors.tools} />
      <div className="button-row">
        <Button size="sm" onClick={() => onChange([...rules, { ...NEW_TOOL_RULE }])} data-testid="tool-rule-add">
          {t('approvals.settings.editor.addTool')}
        </Button>
      </div>
    </fieldset>
  );
}
