export const ROLES = ['administrator', 'investigator', 'analyst', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting. `system` is the CLI or a background job on the operator's own machine. */
export interface Actor {
  id: string;
  role: Role | 'anonymous' | 'system';
}

export const SYSTEM: Actor = { id: 'system', role: 'system' };
export const ANONYMOUS: Actor = { id: 'anonymous', role: 'anonymous' };
