import { useTranslation } from 'react-i18next';

/**
 * What a browser-mode page shows without a key that fits, instead of loading forever:
 * nothing of the desk, one sentence on how to get in.
 */
export function AccessNeeded() {
  const { t } = useTranslation();
  return (
    <div className="desk" data-app-state="access-needed">
      <header className="desk-header">
        <h1 className="brand">{t('app.title')}</h1>
      </header>
      <main className="roster-area">
        <p role="alert" data-testid="access-needed">
          {t('app.accessNeeded')}
        </p>
      </main>
    </div>
  );
}
