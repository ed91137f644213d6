import type { FacilityKind } from '../domain';

/**
 * INVENTED places of detention for the demo workspace. Names, settlements and coordinates are made up;
 * coordinates fall in plausible regions only so that the map has something to show.
 */
export interface DemoFacility {
  uk: string;
  ru: string;
  en: string;
  kind: FacilityKind;
  settlement: string;
  region: string;
  country: string;
  lat: number;
  lon: number;
  authority: string;
}

const KINDS: FacilityKind[] = ['pretrial_detention_centre', 'penal_colony', 'temporary_site', 'filtration_point', 'military_base', 'unknown'];
const STEMS = [
  ['Лісове', 'Лесное', 'Lisove'], ['Зоряне', 'Звёздное', 'Zoriane'], ['Кам’яний Брід', 'Каменный Брод', 'Kamianyi Brid'],
  ['Тихе', 'Тихое', 'Tykhe'], ['Сосновий Яр', 'Сосновый Яр', 'Sosnovyi Yar'], ['Вербове', 'Вербовое', 'Verbove'],
  ['Чорний Лог', 'Чёрный Лог', 'Chornyi Loh'], ['Північне', 'Северное', 'Pivnichne'], ['Глибоке', 'Глубокое', 'Hlyboke'],
  ['Ясне', 'Ясное', 'Yasne'], ['Березове', 'Берёзовое', 'Berezove'], ['Дубки', 'Дубки', 'Dubky'],
  ['Кленове', 'Кленовое', 'Klenove'], ['Степове', 'Степное', 'Stepove'], ['Озерне', 'Озёрное', 'Ozerne'],
];
const REGIONS: [string, string, number, number][] = [
  ['Invented Northern Oblast', 'RU', 54.2, 37.6], ['Invented Border Oblast', 'RU', 51.3, 37.1], ['Invented Volga Krai', 'RU', 53.2, 45.0],
  ['Invented Coastal Area', 'UA (occupied)', 45.1, 34.1], ['Invented Eastern Area', 'UA (occupied)', 48.0, 38.3], ['Invented Steppe Area', 'UA (occupied)', 47.1, 35.4],
];
const PREFIX: Record<FacilityKind, [string, string, string]> = {
  pretrial_detention_centre: ['СІЗО', 'СИЗО', 'SIZO'],
  penal_colony: ['Виправна колонія', 'Исправительная колония', 'Penal colony'],
  temporary_site: ['Тимчасове місце утримання', 'Временное место содержания', 'Temporary site'],
  filtration_point: ['Фільтраційний пункт', 'Фильтрационный пункт', 'Filtration point'],
  military_base: ['Військова частина', 'Воинская часть', 'Military base'],
  unknown: ['Невідоме місце', 'Неизвестное место', 'Unknown site'],
};

export function demoFacilities(count = 30): DemoFacility[] {
  const out: DemoFacility[] = [];
  for (let i = 0; i < count; i++) {
    const [uk, ru, en] = STEMS[i % STEMS.length];
    const kind = KINDS[i % KINDS.length === 5 && i % 2 ? 0 : i % 5];
    const [region, country, lat, lon] = REGIONS[i % REGIONS.length];
    const n = i + 1;
    const p = PREFIX[kind];
    out.push({
      uk: `${p[0]} №${n} «${uk}»`, ru: `${p[1]} №${n} «${ru}»`, en: `${p[2]} No. ${n} "${en}"`,
      kind, settlement: en, region, country,
      lat: Number((lat + ((i * 37) % 17) / 10 - 0.8).toFixed(3)), lon: Number((lon + ((i * 53) % 23) / 10 - 1.1).toFixed(3)),
      authority: kind === 'military_base' ? 'Armed forces (invented)' : kind === 'filtration_point' ? 'Security service (invented)' : 'Penitentiary service (invented)',
    });
  }
  return out;
}
