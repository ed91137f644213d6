/** Controlled vocabularies of the domain. Allegation types are also stored as data (seeded by migration). */

export const SOURCE_KINDS = ['testimony', 'list', 'media', 'article', 'official_statement', 'social_media_post', 'document'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Admiralty scale, source reliability: A completely reliable … E unreliable, F cannot be judged. */
export const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITY)[number];

export const SENSITIVITY = ['public', 'internal', 'restricted'] as const;
export type Sensitivity = (typeof SENSITIVITY)[number];

export const PERSON_STATUSES = ['missing', 'captured', 'seen_in_custody', 'released', 'died_in_custody', 'executed', 'unknown'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const SCRIPTS = ['cyrillic', 'latin', 'mixed', 'unknown'] as const;
export type Script = (typeof SCRIPTS)[number];

export const SEXES = ['male', 'female', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const FACILITY_KINDS = ['pretrial_detention_centre', 'penal_colony', 'temporary_site', 'filtration_point', 'military_base', 'unknown'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

/** Credibility of the source on one allegation, 1 confirmed … 5 improbable, 6 cannot be judged. */
export const CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;

export const VERIFICATION_STATUSES = ['reported', 'corroborated', 'verified', 'disputed'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export interface AllegationType { code: string; category: string; labelEn: string; labelUk: string }

export const ALLEGATION_TYPES: readonly AllegationType[] = [
  { code: 'beating', category: 'torture', labelEn: 'Beating', labelUk: 'Побиття' },
  { code: 'electric_shock', category: 'torture', labelEn: 'Electric shocks', labelUk: 'Катування електрострумом' },
  { code: 'stress_position', category: 'torture', labelEn: 'Stress positions', labelUk: 'Стресові пози' },
  { code: 'suffocation', category: 'torture', labelEn: 'Suffocation or waterboarding', labelUk: 'Задушення або катування водою' },
  { code: 'sexual_violence', category: 'torture', labelEn: 'Sexual violence', labelUk: 'Сексуальне насильство' },
  { code: 'threats_mock_execution', category: 'torture', labelEn: 'Threats or mock execution', labelUk: 'Погрози або імітація страти' },
  { code: 'dog_attack', category: 'torture', labelEn: 'Dog attacks', labelUk: 'Напади собак' },
  { code: 'deprivation', category: 'ill_treatment', labelEn: 'Deprivation of food, water or sleep', labelUk: 'Позбавлення їжі, води чи сну' },
  { code: 'denial_medical_care', category: 'ill_treatment', labelEn: 'Denial of medical care', labelUk: 'Відмова в медичній допомозі' },
  { code: 'forced_labour', category: 'ill_treatment', labelEn: 'Forced labour', labelUk: 'Примусова праця' },
  { code: 'forced_confession', category: 'propaganda', labelEn: 'Forced confession or propaganda recording', labelUk: 'Примусове зізнання або пропагандистський запис' },
  { code: 'incommunicado', category: 'detention', labelEn: 'Incommunicado detention / denial of ICRC access', labelUk: 'Утримання без зв’язку / відмова в доступі МКЧХ' },
  { code: 'death_in_custody', category: 'death', labelEn: 'Death in custody', labelUk: 'Смерть під вартою' },
  { code: 'execution', category: 'death', labelEn: 'Execution', labelUk: 'Страта' },
  { code: 'enforced_disappearance', category: 'detention', labelEn: 'Enforced disappearance', labelUk: 'Насильницьке зникнення' },
];
