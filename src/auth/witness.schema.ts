import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max).nullish();

/** Who the witness is: encrypted as one JSON value (`witnesses.identity_enc`). */
export const witnessIdentity = z.strictObject({
  fullName: z.string().trim().min(1).max(300),
  otherNames: text(500),
  birth: text(40),
  notes: text(5000),
});
export type WitnessIdentity = z.infer<typeof witnessIdentity>;

/** How to reach the witness: encrypted as one JSON value (`witnesses.contact_enc`). */
export const witnessContact = z.strictObject({
  phone: text(100),
  email: text(300),
  messenger: text(300),
  address: text(1000),
  notes: text(5000),
});
export type WitnessContact = z.infer<typeof witnessContact>;

export const witnessInput = z.strictObject({
  sourceId: z.uuid().nullish(),
  identity: witnessIdentity,
  contact: witnessContact.nullish(),
});
export type WitnessInput = z.input<typeof witnessInput>;

export const witnessListQuery = z.object({
  sourceId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** What staff see of a witness: the pseudonym, never the identity. */
export const witness = z.object({
  id: z.uuid(),
  pseudonym: z.string(),
  sourceId: z.string().nullable(),
  createdAt: z.string(),
});
export type Witness = z.infer<typeof witness>;

/** The restricted view (administrators and investigators; every view recorded). */
export const witnessIdentityView = witness.extend({ identity: witnessIdentity, contact: witnessContact.nullable() });
export type WitnessIdentityView = z.infer<typeof witnessIdentityView>;

export const PROTECTED_DETAIL_KINDS = ['family_contact', 'home_address'] as const;

export const protectedDetailInput = z.strictObject({
  kind: z.enum(PROTECTED_DETAIL_KINDS),
  value: z.string().trim().min(1).max(2000),
});

export const protectedDetail = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  kind: z.enum(PROTECTED_DETAIL_KINDS),
  value: z.string(),
  createdAt: z.string(),
});
export type ProtectedDetail = z.infer<typeof protectedDetail>;
