import { useTranslation } from 'react-i18next';
import type { PersonDetail } from '../../api/types';
import { langOf } from '../../lib/format';

/** Every spelling of the name, grouped by script, with how many sources use it. */
export function Names({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  return (
    <dl className="names">
      {person.names.map((n, i) => (
        <div key={i} className="name-row">
          <dt>{t(`script.${n.script}`, { defaultValue: n.script })}</dt>
          <dd><span lang={langOf(n.name)} className="name-text">{n.name}</span> <span className="muted">{t('person.nSources', { count: n.sources })}</span></dd>
        </div>
      ))}
    </dl>
  );
}
