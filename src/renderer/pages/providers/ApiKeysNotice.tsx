import { useTranslation } from 'react-i18next';
import { KEY_VARIABLES } from '../../../shared/provider-presets';

// Names, not secrets: every variable the host reads a key from.
const VARIABLES = [...new Set(Object.values(KEY_VARIABLES).flat())];

/** Environment keys still work beside accounts: which variables the host reads, and how they differ from the vault. */
export function ApiKeysNotice() {
  const { t } = useTranslation();
  return (
    <div className="notice notice--info keys-notice" data-testid="providers-keys-notice">
      <div className="notice__body">
        <p className="notice__message">{t('providers.keys.title')}</p>
        <p>{t('providers.keys.body')}</p>
        <ul className="keys-notice__list">
          {VARIABLES.map((name) => (
            <li key={name}>
              <code className="tag tag--code">{name}</code>
            </li>
          ))}
        </ul>
        <p className="notice__hint">{t('providers.keys.hint')}</p>
      </div>
    </div>
  );
}
