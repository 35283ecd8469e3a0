import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../components/NavIcon';

/** Shown when the page was opened without the launch token: explains where the right link is. */
export function NoTokenScreen() {
  const { t } = useTranslation();
  const example = `${window.location.origin}/?token=…`;
  useEffect(() => {
    document.title = t('app.documentTitle', { page: t('noToken.title') });
  }, [t]);
  return (
    <main className="gate" data-testid="no-token">
      <div className="gate__card">
        <BrandMark />
        <h1 className="gate__title">{t('noToken.title')}</h1>
        <p>{t('noToken.body')}</p>
        <ol className="gate__steps">
          <li>{t('noToken.step1')}</li>
          <li>
            {t('noToken.step2')}
            <code className="gate__example" dir="ltr">
              {example}
            </code>
          </li>
        </ol>
        <p className="gate__hint">{t('noToken.hint')}</p>
      </div>
    </main>
  );
}
