/**
 * A testimony as the intake form records it: the interview, the witness (pseudonym; identity and
 * contact go only to the encrypted witness register), places and periods held, fellow detainees seen,
 * perpetrators and allegations that point at them by `ref`. Stored in one transaction.
 */
import { z } from 'zod';
import { PERSON_STATUSES, RELIABILITY } from '../domain';
import { allegationInput, optText, partialDateText, perpetratorInput } from '../registry';

const ref = z.string().trim().min(1).max(100);

export const testimonyInput = z.strictObject({
  witness: z.strictObject({
    pseudonym: z.string().trim().min(1).max(100).describe('the name the witness goes by in every record (never the real name)'),
    status: z.enum(PERSON_STATUSES).default('released'),
    identity: z.strictObject({ fullName: optText(300), birth: optText(40) }).nullish()
      .describe('restricted: stored only encrypted in the witness register'),
    contact: optText(5000).describe('restricted: stored only encrypted in the witness register'),
  }),
  interview: z.strictObject({
    obtained: partialDateText.nullish(),
    language: optText(20),
    reliability: z.enum(RELIABILITY).default('F'),
    notes: optText(10_000),
  }),
  custody: z.array(z.strictObject({ facilityId: z.uuid(), from: partialDateText.nullish(), to: partialDateText.nullish(), notes: optText(2000) })).max(50).default([]),
  fellowDetainees: z.array(z.strictObject({
    ref, personId: z.uuid().nullish(), name: z.string().trim().min(1).max(300),
    facilityId: z.uuid().nullish(), from: partialDateText.nullish(), to: partialDateText.nullish(),
  })).max(200).default([]),
  perpetrators: z.array(perpetratorInput.extend({ ref })).max(100).default([]),
  allegations: z.array(allegationInput.pick({ typeCode: true, when: true, facilityId: true, place: true, narrative: true, credibility: true }).extend({
    victims: z.array(ref).max(200).default([]).describe('refs: "witness" or a fellow detainee\'s ref'),
    perpetrators: z.array(ref).max(100).default([]).describe('refs of perpetrators above'),
  }).strict()).max(100).default([]),
});
export type TestimonyInput = z.input<typeof testimonyInput>;

export const testimonyResult = z.object({
  sourceId: z.uuid(),
  witnessRecordId: z.uuid(),
  witnessPersonId: z.uuid(),
  pseudonym: z.string().describe('the witness register\'s pseudonym when an identity was given, else the interview pseudonym'),
  witnessId: z.uuid().nullable().describe('the witness register entry (identity encrypted), when an identity was given'),
  records: z.record(z.string(), z.uuid()).describe('person record id by ref ("witness" and each fellow detainee)'),
  custodyEpisodes: z.number().int(),
  allegationIds: z.array(z.uuid()),
});
export type TestimonyResult = z.infer<typeof testimonyResult>;
