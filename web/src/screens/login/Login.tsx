import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { setCsrfToken } from '../../api/client';
import { login } from '../../api/pending';
import { useWorkspace } from '../../app/workspace';
import { TextField } from '../../components/Form';
import { PageTitle } from '../../components/PageTitle';
import { ErrorBox } from '../../components/Status';

export default function Login() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { refreshSession } = useWorkspace();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true); setError(null);
    try {
      const r = await login(username, password, totp || undefined);
      if (typeof r.csrfToken === 'string') setCsrfToken(r.csrfToken);
      refreshSession();
      navigate('/');
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <>
      <PageTitle title={t('auth.signIn')}>{t('auth.signIn')}</PageTitle>
      <form className="card form-section narrow" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <TextField label={t('auth.username')} required value={username} onChange={setUsername} autoComplete="username" />
        <div className="field">
          <label htmlFor="pw">{t('auth.password')}</label>
          <input id="pw" type="password" required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <TextField label={t('auth.totp')} value={totp} onChange={setTotp} inputMode="numeric" autoComplete="one-time-code" />
        {error != null && <ErrorBox error={error} />}
        <button type="submit" className="primary" disabled={busy}>{t('auth.signIn')}</button>
      </form>
    </>
  );
}
