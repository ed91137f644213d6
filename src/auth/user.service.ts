/**
 * User accounts: creation with the password policy and argon2id, roles, disabling, one-time reset
 * passwords, TOTP enrolment (secret encrypted with the field keyring) and verification with replay
 * protection, and the demo accounts of demo workspaces. Every change is audited (never a password,
 * hash or secret) and ends the user's sessions where it changes what they may do.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError, type Actor as DomainActor } from '../domain';
import { audit, inTransaction, withTx, type Db } from '../db';
import { authorize } from './errors';
import { base32Decode, base32Encode } from './base32';
import type { FieldCipher } from './field-cipher';
import type { FieldContext } from './field-crypto';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { checkPasswordPolicy } from './password-policy';
import { ROLES, type Role } from './roles';
import { generateTotpSecret, otpauthUri, verifyTotp } from './totp';
import { sessionRepository, userRepository, type UserRow } from './user.repository';
import { roleInput, userCreateInput, type PublicUser, type UserSummary } from './user.schema';
import { validate } from './validate';

export const TOTP_ISSUER = 'Vigil';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface UserServiceOptions {
  workspaceKind: 'demo' | 'real';
  now?: () => number;
}

export function toPublicUser(u: UserRow): PublicUser {
  return { id: u.id, username: u.username, role: u.role, displayName: u.displayName ?? null };
}

function toSummary(u: UserRow): UserSummary {
  return {
    ...toPublicUser(u), disabled: u.disabled, totpEnabled: u.totpEnabled, mustChangePassword: u.mustChangePassword,
    lockedUntil: u.lockedUntil, createdAt: u.createdAt,
  };
}

const totpContext = (userId: string): FieldContext => ({ table: 'users', column: 'totp_secret_enc', rowId: userId });

/** A password for one use, shown once: 20 base32 characters (100 bits) in groups of five. */
export function oneTimePassword(): string {
  return base32Encode(randomBytes(13)).slice(0, 20).match(/.{5}/g)!.join('-');
}

/** Demo accounts: one per role, fixed passwords printed by `vigil serve` and `vigil demo`. Demo workspaces only. */
export const DEMO_ACCOUNTS: readonly { username: string; role: Role; password: string }[] = ROLES.map((role) => ({
  username: `demo-${role}`, role, password: `try-the-${role}-role`,
}));

export class UserService {
  private readonly now: () => number;

  constructor(private readonly db: Db, private readonly cipher: FieldCipher, private readonly options: UserServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Creates an account. The password must pass the policy; it is stored only as an argon2id hash. */
  async create(actor: DomainActor, input: unknown, tx?: Db): Promise<PublicUser> {
    authorize(actor, 'create', 'users');
    const v = validate(userCreateInput, input);
    this.checkPassword(v.password, v.username, v.displayName ?? undefined, 'password');
    const passwordHash = await hashPassword(v.password);
    return withTx(this.db, tx, async (db) => {
      if (await userRepository.byUsername(db, v.username)) throw new ConflictError(`a user named "${v.username}" already exists`);
      const row = await userRepository.insert(db, {
        id: randomUUID(), username: v.username, displayName: v.displayName ?? null, passwordHash, role: v.role,
        passwordChangedAt: this.iso(),
      });
      await audit(db, { actor: actor.id, entity: 'user', entityId: row.id, action: 'create', diff: { after: { username: row.username, role: row.role } } });
      return toPublicUser(row);
    });
  }

  async list(actor: DomainActor): Promise<UserSummary[]> {
    authorize(actor, 'read', 'users');
    return (await userRepository.list(this.db)).map(toSummary);
  }

  /** A user by id or user name, for an actor allowed to read them (administrators, or the user themselves). */
  async get(actor: DomainActor, who: string): Promise<UserSummary> {
    const u = await this.find(this.db, who);
    authorize(actor, 'read', 'users', { ownerId: u.id });
    return toSummary(u);
  }

  async setRole(actor: DomainActor, who: string, input: unknown): Promise<PublicUser> {
    authorize(actor, 'assign_role', 'users');
    const { role } = validate(roleInput, input);
    return inTransaction(this.db, async (tx) => {
      const u = await this.find(tx, who, true);
      if (u.role === role) return toPublicUser(u);
      if (u.role === 'administrator' && !u.disabled) await this.keepOneAdministrator(tx);
      const after = (await userRepository.update(tx, u.id, { role }))!;
      await sessionRepository.deleteForUser(tx, u.id);
      await audit(tx, { actor: actor.id, entity: 'user', entityId: u.id, action: 'assign_role', diff: { before: { role: u.role }, after: { role } } });
      return toPublicUser(after);
    });
  }

  /** Disables (or enables again) an account; a disabled account cannot sign in and its sessions end at once. */
  async setDisabled(actor: DomainActor, who: string, disabled: boolean): Promise<PublicUser> {
    authorize(actor, 'disable', 'users');
    return inTransaction(this.db, async (tx) => {
      const u = await this.find(tx, who, true);
      if (u.disabled === disabled) return toPublicUser(u);
      if (disabled && u.role === 'administrator') await this.keepOneAdministrator(tx);
      const after = (await userRepository.update(tx, u.id, { disabled }))!;
      if (disabled) await sessionRepository.deleteForUser(tx, u.id);
      await audit(tx, { actor: actor.id, entity: 'user', entityId: u.id, action: disabled ? 'disable' : 'enable' });
      return toPublicUser(after);
    });
  }

  /** Replaces the password with a one-time password (returned once) that must be changed at the next sign-in; lifts a lock-out. */
  async resetPassword(actor: DomainActor, who: string): Promise<{ user: PublicUser; password: string }> {
    authorize(actor, 'update', 'users');
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    return inTransaction(this.db, async (tx) => {
      const u = await this.find(tx, who, true);
      const after = (await userRepository.update(tx, u.id, { passwordHash, mustChangePassword: true, failedCount: 0, lockedUntil: null, passwordChangedAt: this.iso() }))!;
      await sessionRepository.deleteForUser(tx, u.id);
      await audit(tx, { actor: actor.id, entity: 'user', entityId: u.id, action: 'reset_password' });
      return { user: toPublicUser(after), password };
    });
  }

  /** Gives the user a new TOTP secret, enabled at once; the otpauth URI is returned once for the user's authenticator. */
  async resetTotp(actor: DomainActor, who: string): Promise<{ user: PublicUser; otpauthUri: string }> {
    authorize(actor, 'update', 'users');
    await this.cipher.ring();
    return inTransaction(this.db, async (tx) => {
      const u = await this.find(tx, who, true);
      const secret = generateTotpSecret();
      const totpSecretEnc = await this.cipher.encrypt(base32Encode(secret, { padding: false }), totpContext(u.id));
      const after = (await userRepository.update(tx, u.id, { totpSecretEnc, totpEnabled: true, totpLastStep: null }))!;
      await sessionRepository.deleteForUser(tx, u.id);
      await audit(tx, { actor: actor.id, entity: 'user', entityId: u.id, action: 'reset_totp' });
      return { user: toPublicUser(after), otpauthUri: otpauthUri({ issuer: TOTP_ISSUER, accountName: u.username, secret }) };
    });
  }

  /** Starts (or restarts) the user's own TOTP enrolment: a pending secret, confirmed by the first code. Not for users whose TOTP is already on. */
  async beginTotpEnrolment(tx: Db, user: UserRow): Promise<{ otpauthUri: string; secret: string }> {
    if (user.totpEnabled) throw new ConflictError('two-factor sign-in is already set up; an administrator can reset it (vigil user reset --totp)');
    const secret = generateTotpSecret();
    const text = base32Encode(secret, { padding: false });
    await userRepository.update(tx, user.id, { totpSecretEnc: await this.cipher.encrypt(text, totpContext(user.id)), totpLastStep: null });
    await audit(tx, { actor: user.id, entity: 'user', entityId: user.id, action: 'totp_enrolment_started' });
    return { otpauthUri: otpauthUri({ issuer: TOTP_ISSUER, accountName: user.username, secret }), secret: text };
  }

  /**
   * Checks a TOTP code of the user (pending or enabled secret) and stores the step it matched, so
   * no code is accepted twice. Call inside the transaction that holds the user's row lock.
   */
  async checkTotp(tx: Db, user: UserRow, code: string): Promise<boolean> {
    if (!user.totpSecretEnc) return false;
    const context = totpContext(user.id);
    const { plaintext, envelope, changed } = await this.cipher.open(user.totpSecretEnc, context);
    const result = verifyTotp(base32Decode(plaintext), code, { nowMs: this.now(), lastUsedStep: user.totpLastStep });
    if (changed || result.ok) {
      await userRepository.update(tx, user.id, { ...(changed ? { totpSecretEnc: envelope } : {}), ...(result.ok ? { totpLastStep: result.step } : {}) });
    }
    return result.ok;
  }

  /** Confirms a pending enrolment with its first code. */
  async confirmTotp(tx: Db, user: UserRow, code: string): Promise<boolean> {
    if (user.totpEnabled) throw new ConflictError('two-factor sign-in is already set up');
    if (!user.totpSecretEnc) throw new ValidationError([{ field: 'code', message: 'start the set-up first (POST /api/v1/auth/totp/enrol)' }]);
    if (!(await this.checkTotp(tx, user, code))) return false;
    await userRepository.update(tx, user.id, { totpEnabled: true });
    await audit(tx, { actor: user.id, entity: 'user', entityId: user.id, action: 'totp_enabled' });
    return true;
  }

  /** Sets a new password chosen by the user (after the caller verified the current one). */
  async setOwnPassword(tx: Db, user: UserRow, newPassword: string): Promise<void> {
    this.checkPassword(newPassword, user.username, user.displayName ?? undefined, 'newPassword');
    if (await verifyPassword(user.passwordHash, newPassword)) throw new ValidationError([{ field: 'newPassword', message: 'choose a password different from the current one' }]);
    await userRepository.update(tx, user.id, { passwordHash: await hashPassword(newPassword), mustChangePassword: false, passwordChangedAt: this.iso() });
    await audit(tx, { actor: user.id, entity: 'user', entityId: user.id, action: 'change_password' });
  }

  /** After a successful sign-in: replaces a hash made with weaker parameters. */
  async rehashIfNeeded(tx: Db, user: UserRow, password: string): Promise<void> {
    if (needsRehash(user.passwordHash)) await userRepository.update(tx, user.id, { passwordHash: await hashPassword(password) });
  }

  async administratorCount(): Promise<number> {
    return userRepository.countActive(this.db, 'administrator');
  }

  /** Creates the demo accounts (once) in a DEMO workspace; refuses in a real one. */
  async ensureDemoAccounts(actor: DomainActor): Promise<typeof DEMO_ACCOUNTS> {
    if (this.options.workspaceKind !== 'demo') throw new Error('demo accounts exist only in demo workspaces');
    for (const account of DEMO_ACCOUNTS) {
      if (await userRepository.byUsername(this.db, account.username)) continue;
      await this.create(actor, { ...account, displayName: `Synthetic demo user` });
    }
    return DEMO_ACCOUNTS;
  }

  private checkPassword(password: string, name: string, displayName: string | undefined, field: string): void {
    const check = checkPasswordPolicy(password, { username: name, personalWords: displayName ? displayName.split(/\s+/) : [] });
    if (!check.ok) throw new ValidationError(check.problems.map((p) => ({ field, message: p.message })));
  }

  private async find(db: Db, who: string, forUpdate = false): Promise<UserRow> {
    const found = UUID.test(who) ? await userRepository.get(db, who) : await userRepository.byUsername(db, who);
    if (!found) throw new NotFoundError('user', who);
    return forUpdate ? (await userRepository.getForUpdate(db, found.id))! : found;
  }

  private async keepOneAdministrator(tx: Db): Promise<void> {
    if ((await userRepository.countActive(tx, 'administrator')) <= 1) {
      throw new ConflictError('this is the last active administrator; make another user administrator first');
    }
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }
}
