import { useTranslation } from 'react-i18next';

// The variables the host reads (src/core/providers/presets.ts); names, not secrets.
const KEY_VARIABLES = ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY', 'OPENROUTER_API_KEY'] as const;

/** Where API keys come from until the vault can hold them. */
export function ApiKeysNotice() {
  const { t } = useTranslation();
  return (
    <div className="notice notice--info keys-notice" data-testid="providers-keys-notice">
      <div className="notice__body">
        <p className="notice__message">{t('providers.keys.title')}</p>
        <p>{t('providers.keys.body')}</p>
        <ul className="keys-notice__list">
          {KEY_VARIABLES.map((name) => (
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
