import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scope } from '../../../shared/auth';
import { SCOPE_LABEL_KEYS } from '../../../shared/scope-labels';
import { toggleScope } from './scope-selection';

interface ScopeChoiceProps {
  legend: string;
  /** The scopes that can be chosen, in order. */
  offered: readonly Scope[];
  chosen: readonly Scope[];
  onChange(next: Scope[]): void;
  disabled?: boolean;
  /** Shows each scope's one-line explanation under its name. */
  withHelp?: boolean;
  testId?: string;
}

/** A checkbox per scope, for approving a pairing request or making a script token. */
export function ScopeChoice({ legend, offered, chosen, onChange, disabled = false, withHelp = false, testId }: ScopeChoiceProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="scope-choice" disabled={disabled} data-testid={testId}>
      <legend className="scope-choice__legend">{legend}</legend>
      {offered.map((scope) => {
        const key = SCOPE_LABEL_KEYS[scope];
        const helpId = `${id}-${key}`;
        return (
          <label key={scope} className="scope-choice__option">
            <input type="checkbox" checked={chosen.includes(scope)} onChange={(event) => onChange(toggleScope(chosen, scope, event.target.checked))} aria-describedby={withHelp ? helpId : undefined} data-scope={scope} />
            <span className="scope-choice__text">
              <span>{t(`bridgeScopes.${key}.label`)}</span>
              {withHelp && (
                <span className="field__help" id={helpId}>
                  {t(`bridgeScopes.${key}.help`)}
                </span>
              )}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

/** The scopes a client holds, as tags. */
export function ScopeTags({ scopes }: { scopes: readonly Scope[] }) {
  const { t } = useTranslation();
  return (
    <span className="scope-tags">
      {scopes.map((scope) => (
        <span key={scope} className="tag" data-scope={scope}>
          {t(`bridgeScopes.${SCOPE_LABEL_KEYS[scope]}.label`)}
        </span>
      ))}
    </span>
  );
}
