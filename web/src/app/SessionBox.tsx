import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { logout } from '../api/pending';
import { useWorkspace } from './workspace';

/** Who is signed in (or, on a demo workspace, which role a visitor acts as); nothing while the session is unknown. */
export function SessionBox() {
  const { t } = useTranslation();
  const { session, refreshSession } = useWorkspace();
  if (!session) return null;
  if (!session.user) {
    return (
      <span className="session-box">
        {session.actingAs && <span className="small">{t('auth.actingAs', { role: t(`role.${session.actingAs}`, { defaultValue: session.actingAs }) })} · </span>}
        <Link to="/login" className="session-link">{t('auth.signIn')}</Link>
      </span>
    );
  }
  return (
    <span className="session-box">
      <span>{session.user.name} ({t(`role.${session.user.role}`, { defaultValue: session.user.role })})</span>{' '}
      <button type="button" className="link-button" onClick={() => void logout().finally(refreshSession)}>{t('auth.signOut')}</button>
    </span>
  );
}
