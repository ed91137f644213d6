import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { Loading } from '../components/Status';
import { LANGUAGES } from '../i18n';
import { useWorkspace } from './workspace';
import { SessionBox } from './SessionBox';

const NAV = [
  ['/', 'nav.overview'], ['/persons', 'nav.registry'], ['/map', 'nav.map'], ['/testimonies/new', 'nav.testimony'],
  ['/imports', 'nav.import'], ['/linkage', 'nav.linkage'], ['/evidence', 'nav.evidence'],
] as const;

export function Layout() {
  const { t, i18n } = useTranslation();
  const { health } = useWorkspace();
  return (
    <>
      <a className="skip-link" href="#main">{t('nav.skip')}</a>
      {health?.workspace.kind === 'demo' && (
        <div className="demo-banner" role="note">
          <strong>{t('demo.title')}</strong> {t('demo.text')}
        </div>
      )}
      <header className="app-header">
        <NavLink to="/" className="brand" aria-label={t('nav.home')}>Vigil</NavLink>
        <nav aria-label={t('nav.label')}>
          <ul>
            {NAV.map(([to, key]) => (
              <li key={to}><NavLink to={to} end={to === '/'}>{t(key)}</NavLink></li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <label className="lang-switch">
            <span className="sr-only">{t('nav.language')}</span>
            <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)} aria-label={t('nav.language')}>
              {LANGUAGES.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.label}</option>)}
            </select>
          </label>
          <SessionBox />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="app-footer">
        <p>{t('footer.text')} · <a href="/api/docs">{t('footer.api')}</a></p>
      </footer>
    </>
  );
}
