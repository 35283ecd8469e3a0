import { useTranslation } from 'react-i18next';
import { Decision } from '../../../../shared/permissions';
import { Select } from '../../../components/Select';

/** Allow / ask / deny, as a labelled select. */
export function RuleDecision({ label, value, onChange, testId }: { label: string; value: Decision; onChange(value: Decision): void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Select label={label} value={value} onChange={(event) => onChange(Decision.parse(event.target.value))} testId={testId}>
      {Decision.options.map((decision) => (
        <option key={decision} value={decision}>
          {t(`approvals.settings.decision.${decision}`)}
        </option>
      ))}
    </Select>
  );
}
