/**
 * The auth room's services for one workspace, created where the workspace is opened.
 */
import type { Db } from '../db';
import { FieldCipher } from './field-cipher';
import { KeyRotationService } from './key-rotation.service';
import type { RestrictedViewCustody } from './restricted-view';
import { SessionService } from './session.service';
import type { SessionLifetime } from './session-lifetime';
import type { LoginThrottleConfig } from './throttle';
import { UserService } from './user.service';
import { WitnessService } from './witness.service';
import { FieldKeys } from './workspace-keys';

export interface AuthOptions {
  /** The workspace's keys/ folder (the keyring lives there, outside the database). */
  keysDir: string;
  workspaceKind: 'demo' | 'real';
  /** Clock (ms since the epoch); tests move it. */
  now?: () => number;
  lifetime?: SessionLifetime;
  throttle?: LoginThrottleConfig;
  /** The evidence room's recorder of restricted views (custody events); settable later with `setRestrictedViewCustody`. */
  restrictedViewCustody?: RestrictedViewCustody;
}

export interface AuthRoom {
  keys: FieldKeys;
  cipher: FieldCipher;
  users: UserService;
  sessions: SessionService;
  witnesses: WitnessService;
  keyRotation: KeyRotationService;
  /** Wires the evidence room's custody recorder for views of restricted fields. */
  setRestrictedViewCustody(recorder: RestrictedViewCustody | null): void;
}

export function createAuth(db: Db, options: AuthOptions): AuthRoom {
  const keys = FieldKeys.inKeysDir(options.keysDir);
  const cipher = new FieldCipher(keys, db);
  const users = new UserService(db, cipher, { workspaceKind: options.workspaceKind, now: options.now });
  const sessions = new SessionService(db, cipher, users, options);
  let custody: RestrictedViewCustody | null = options.restrictedViewCustody ?? null;
  return {
    keys, cipher, users, sessions,
    witnesses: new WitnessService(db, cipher, () => custody),
    keyRotation: new KeyRotationService(db, keys, cipher),
    setRestrictedViewCustody(recorder) {
      custody = recorder;
    },
  };
}
