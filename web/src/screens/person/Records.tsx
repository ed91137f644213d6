import { useTranslation } from 'react-i18next';
import type { PersonRecord, Source } from '../../api/types';
import { fmtPartial, fmtTimestamp, langOf } from '../../lib/format';
import { StatusBadge } from '../../components/Status';

function recordName(r: PersonRecord): string {
  return r.fullName ?? [r.familyName, r.givenName, r.patronymic].filter(Boolean).join(' ');
}

/** The source records this person was built from, each with its source. */
export function Records({ records, sources }: { records: PersonRecord[]; sources: Map<string, Source> }) {
  const { t } = useTranslation();
  return (
    <ul className="records">
      {records.map((r) => {
        const s = sources.get(r.sourceId);
        return (
          <li key={r.id} className="record card-inner">
            <p className="record-name"><strong lang={langOf(recordName(r))}>{recordName(r)}</strong> <StatusBadge status={r.status} /> {r.statusDate && <span className="muted">{fmtPartial(r.statusDate)}</span>}</p>
            <dl className="kv">
              {r.birth && <><dt>{t('person.birth')}</dt><dd>{fmtPartial(r.birth)}</dd></>}
              {r.birthPlace && <><dt>{t('person.birthPlace')}</dt><dd lang={langOf(r.birthPlace)}>{r.birthPlace}</dd></>}
              {r.unit && <><dt>{t('person.unit')}</dt><dd lang={langOf(r.unit)}>{r.unit}</dd></>}
              {r.rank && <><dt>{t('person.rank')}</dt><dd lang={langOf(r.rank)}>{r.rank}</dd></>}
              {r.citizenship && <><dt>{t('person.citizenship')}</dt><dd>{r.citizenship}</dd></>}
              <dt>{t('person.source')}</dt>
              <dd>
                <span lang={langOf(r.sourceTitle ?? s?.title)}>{r.sourceTitle ?? s?.title ?? r.sourceId}</span>
                {s && <span className="muted"> · {t(`sourceKind.${s.kind}`, { defaultValue: s.kind })} · {t('source.reliability')} {s.reliability}{s.obtained ? ` · ${fmtPartial(s.obtained)}` : ''}</span>}
              </dd>
              {r.rowRef && <><dt>{t('person.rowRef')}</dt><dd><code>{r.rowRef}</code></dd></>}
              <dt>{t('person.recorded')}</dt><dd>{fmtTimestamp(r.createdAt)}{r.version > 1 ? ` · v${r.version}` : ''}</dd>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
