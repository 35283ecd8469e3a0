import { useTranslation } from 'react-i18next';
import { PathRule } from '../../../../shared/permissions';
import { Button } from '../../../components/Button';
import { Select } from '../../../components/Select';
import { TextField } from '../../../components/TextField';
import { FieldError } from './FieldError';
import { NEW_PATH_RULE, replaceAt, type FieldErrorKind } from './profile-draft';
import { RuleDecision } from './RuleDecision';

interface PathRulesEditorProps {
  rules: PathRule[];
  errors: Record<string, FieldErrorKind>;
  onChange(rules: PathRule[]): void;
}

const ACCESS = PathRule.shape.access;

/** A profile's path rules, for the file tools: a glob inside the workspace, read/write/any, and a decision. */
export function PathRulesEditor({ rules, errors, onChange }: PathRulesEditorProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="form-stack" data-testid="path-rules">
      <legend className="field__label">{t('approvals.settings.editor.pathRules')}</legend>
      <p className="field__help">{t('approvals.settings.editor.pathRulesHelp')}</p>
      {rules.length === 0 && <p className="field__help">{t('approvals.settings.editor.noRules')}</p>}
      <ol className="rule-list">
        {rules.map((rule, index) => (
          <li key={index} className="rule-row" data-testid="path-rule">
            <div className="rule-row__field">
              <TextField
                label={t('approvals.settings.editor.path')}
                value={rule.path}
                dir="ltr"
                spellCheck={false}
                autoComplete="off"
                aria-invalid={errors[`paths.${index}.path`] ? true : undefined}
                onChange={(event) => onChange(replaceAt(rules, index, { ...rule, path: event.target.value }))}
                testId="path-rule-path"
              />
              <FieldError field={`paths.${index}.path`} kind={errors[`paths.${index}.path`]} />
            </div>
            <Select label={t('approvals.settings.editor.access')} value={rule.access} onChange={(event) => onChange(replaceAt(rules, index, { ...rule, access: ACCESS.parse(event.target.value) }))} testId="path-rule-access">
              {ACCESS.options.map((access) => (
                <option key={access} value={access}>
                  {t(`approvals.settings.access.${access}`)}
                </option>
              ))}
            </Select>
            <RuleDecision label={t('approvals.settings.editor.decision')} value={rule.decision} onChange={(decision) => onChange(replaceAt(rules, index, { ...rule, decision }))} testId="path-rule-decision" />
            <Button size="sm" variant="ghost" onClick={() => onChange(replaceAt(rules, index, null))} aria-label={t('approvals.settings.editor.removeRule', { index: index + 1 })} data-testid="path-rule-remove">
              {t('approvals.settings.editor.remove')}
            </Button>
          </li>
        ))}
      </ol>
      <FieldError field="paths" kind={errors.paths} />
      <div className="button-row">
        <Button size="sm" onClick={() => onChange([...rules, { ...NEW_PATH_RULE }])} data-testid="path-rule-add">
          {t('approvals.settings.editor.addPath')}
        </Button>
      </div>
    </fieldset>
  );
}
