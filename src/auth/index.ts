/** Public API of the auth room: I/O-free primitives of access control (plus the keyring file). */
export { hashPassword, verifyPassword, verifyPasswordOfUnknownUser, needsRehash, PASSWORD_HASH_PARAMS, PASSWORD_MAX_LENGTH, type PasswordHashParams } from './password';
export { checkPasswordPolicy, PASSWORD_MIN_LENGTH, type PasswordCheck, type PasswordContext, type PasswordProblem, type PasswordProblemCode } from './password-policy';
export { base32Encode, base32Decode, Base32Error } from './base32';
export {
  hotp, totp, totpStep, verifyTotp, otpauthUri, generateTotpSecret,
  type OtpAlgorithm, type HotpOptions, type TotpOptions, type VerifyTotpOptions, type VerifyTotpResult, type OtpauthUriInput,
} from './totp';
export { Keyring, KeyringError, generateKeyId, serializeKeyring, parseKeyring, keyringFileSchema, KEY_BYTES, type KeyringInput, type KeyringFile } from './keyring';
export { loadKeyringFile, saveKeyringFile } from './keyring-file';
export {
  encryptField, decryptField, reencryptField, reencryptFields, needsReencryption, envelopeKeyId, blindIndex,
  FieldCryptoError, type FieldContext, type FieldCryptoErrorCode,
} from './field-crypto';
export { ROLES, ACTOR_ROLES, PUBLIC_ROLE, ANONYMOUS, isRole, roleOf, isSignedIn, actorFromUser, type Role, type ActorRole, type Actor } from './roles';
export { canSee, readScope, effectiveSensitivity, type ResourceAttributes, type ReadScope } from './sensitivity';
export {
  can, assertCan, allowedActions, isResourceKind, isAction, AccessDeniedError, ACTIONS, RESOURCE_KINDS, RESOURCE_ACTIONS,
  type Action, type ResourceKind,
} from './policy';
export { renderPolicyMatrix, matrixCell, sampleActor, CELL_LEGEND } from './policy-matrix';
export {
  checkThrottle, recordThrottleFailure, recordThrottleSuccess, checkLogin, recordLoginFailure, recordLoginSuccess, parseThrottleState,
  ACCOUNT_THROTTLE, IP_THROTTLE, INITIAL_THROTTLE_STATE,
  type ThrottleConfig, type ThrottleState, type ThrottleDecision, type LoginThrottleState, type LoginThrottleConfig,
} from './throttle';
export { generateSessionToken, hashSessionToken, isWellFormedSessionToken, deriveCsrfToken, verifyCsrfToken, safeEqual, type NewSessionToken } from './session-token';
export { sessionExpiresAt, isSessionValid, shouldTouchSession, SESSION_LIFETIME, type SessionLifetime, type SessionTimes } from './session-lifetime';
export {
  redact, createRedactor, witnessPseudonym, witnessCode, REDACTED, PERSONAL_FIELDS, SECRET_FIELDS, DEFAULT_REDACTED_FIELDS, type Redacted,
} from './redact';

// Services of the auth room (database and keyring I/O), beside the pure primitives above.
export { policyActor, userActor, DEMO_VISITOR, SECOND_FACTOR_ROLES, roleNeedsSecondFactor } from './actor-mapping';
export { ThrottledError, SignInFailedError, authorize } from './errors';
export { FieldKeys, FIELD_KEYRING_FILE, type DerivedKeyPurpose } from './workspace-keys';
export { FieldCipher, ENCRYPTED_COLUMNS, countEncryptedValues, countValuesByKey, type EncryptedColumn } from './field-cipher';
export { recordRestrictedView, type RestrictedView, type RestrictedViewCustody } from './restricted-view';
export { UserService, DEMO_ACCOUNTS, TOTP_ISSUER, oneTimePassword, toPublicUser } from './user.service';
export { SessionService, type SessionView, type ResolvedSession, type IssuedSession, type RequestContext, type SessionStage } from './session.service';
export { WitnessService, type SealedWitness } from './witness.service';
export { KeyRotationService, type KeyStatus } from './key-rotation.service';
export { createAuth, type AuthRoom, type AuthOptions } from './auth.room';
export * from './user.schema';
export * from './witness.schema';
export { sealStream, unsealStream, SealError, type SealOptions } from './passphrase-seal';
