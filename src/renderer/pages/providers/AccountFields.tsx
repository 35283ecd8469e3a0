import { useTranslation } from 'react-i18next';
import { CodeField } from '../../components/CodeField';
import { TextField } from '../../components/TextField';

interface AccountFieldProps {
  value: string;
  onChange(value: string): void;
  help: string;
  invalid: boolean;
  testId: string;
  placeholder?: string;
}

/** An account's base URL, as the add and edit forms both take it. */
export function BaseUrlField({ value, onChange, help, invalid, testId, placeholder }: AccountFieldProps) {
  const { t } = useTranslation();
  return (
    <CodeField
      label={t('providers.accounts.form.baseUrl')}
      help={help}
      name="baseUrl"
      type="url"
      value={value}
      placeholder={placeholder}
      onChange={(event) => onChange(event.target.value)}
      maxLength={500}
      aria-invalid={invalid || undefined}
      testId={testId}
    />
  );
}

/** An account's monthly budget in US dollars (empty: none), as the add and edit forms both take it. */
export function BudgetField({ value, onChange, help, invalid, testId, placeholder }: AccountFieldProps) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('providers.accounts.form.budget')}
      help={help}
      name="budget"
      inputMode="decimal"
      value={value}
      placeholder={placeholder}
      onChange={(event) => onChange(event.target.value)}
      maxLength={12}
      autoComplete="off"
      dir="ltr"
      aria-invalid={invalid || undefined}
      testId={testId}
    />
  );
}
