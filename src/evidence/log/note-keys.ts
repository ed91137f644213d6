// Signed-note keys (C2SP signed-note, Go golang.org/x/mod/sumdb/note encoding), Ed25519 only.
//   signer key:   PRIVATE+KEY+<name>+<hex8 key id>+<base64(0x01 ‖ 32-byte seed)>
//   verifier key: <name>+<hex8 key id>+<base64(0x01 ‖ 32-byte public key)>
//   key id = big-endian uint32 of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { concatBytes, fromBase64, isWellFormedUnicode, toBase64, utf8 } from './bytes';

export const ALG_ED25519 = 0x01;

export class NoteError extends Error {
  override name = 'NoteError';
  constructor(
    readonly code:
      | 'malformed-key'
      | 'unknown-algorithm'
      | 'invalid-key-id'
      | 'malformed-note'
      | 'invalid-signer'
      | 'unverified-note'
      | 'invalid-signature'
      | 'ambiguous-key',
    message: string,
  ) {
    super(message);
  }
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(message: Uint8Array): Uint8Array;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** Key names: non-empty valid Unicode, no Unicode white space, no '+' (and no control characters). */
export function isValidKeyName(name: string): boolean {
  return name !== '' && isWellFormedUnicode(name) && !/[\p{White_Space}\p{Cc}+]/u.test(name);
}

/** Key id: first four bytes (big-endian) of SHA-256(name ‖ "\n" ‖ algorithm byte ‖ public key). */
export function noteKeyId(name: string, algAndPublicKey: Uint8Array): number {
  const sum = createHash('sha256').update(utf8(`${name}\n`)).update(algAndPublicKey).digest();
  return sum.readUInt32BE(0);
}

export const formatKeyId = (id: number): string => id.toString(16).padStart(8, '0');

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
}

function publicKeyFromRaw(pub: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519, pub]), format: 'der', type: 'spki' });
}

function rawPublicKey(key: KeyObject): Uint8Array {
  return new Uint8Array(createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519.length));
}

/** Generates an Ed25519 key pair for `name`, returned in the encoded key forms. */
export function generateNoteKey(name: string): { signerKey: string; verifierKey: string } {
  if (!isValidKeyName(name)) throw new NoteError('malformed-key', 'invalid key name');
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_ED25519.length));
  const pub = concatBytes(new Uint8Array([ALG_ED25519]), rawPublicKey(privateKey));
  const id = formatKeyId(noteKeyId(name, pub));
  const priv = concatBytes(new Uint8Array([ALG_ED25519]), seed);
  return { signerKey: `PRIVATE+KEY+${name}+${id}+${toBase64(priv)}`, verifierKey: `${name}+${id}+${toBase64(pub)}` };
}

/** Encoded verifier key for a raw 32-byte Ed25519 public key (Go NewEd25519VerifierKey). */
export function ed25519VerifierKey(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new NoteError('malformed-key', 'invalid key name');
  if (publicKey.length !== 32) throw new NoteError('malformed-key', 'Ed25519 public keys are 32 bytes');
  const pub = concatBytes(new Uint8Array([ALG_ED25519]), publicKey);
  return `${name}+${formatKeyId(noteKeyId(name, pub))}+${toBase64(pub)}`;
}

/** Splits `<name>+<hex8>+<base64>` (the base64 may itself contain '+'). */
function splitKey(text: string): { name: string; id: number; key: Uint8Array } {
  const a = text.indexOf('+');
  const b = a < 0 ? -1 : text.indexOf('+', a + 1);
  const [name, hex, b64] = b < 0 ? ['', '', ''] : [text.slice(0, a), text.slice(a + 1, b), text.slice(b + 1)];
  const key = fromBase64(b64);
  if (!isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(hex) || !key || key.length === 0) {
    throw new NoteError('malformed-key', 'malformed note key');
  }
  return { name, id: parseInt(hex, 16), key };
}

/** Parses an encoded verifier key (Go NewVerifier). */
export function newNoteVerifier(verifierKey: string): NoteVerifier {
  const { name, id, key } = splitKey(verifierKey);
  if (noteKeyId(name, key) !== id) throw new NoteError('invalid-key-id', 'verifier key id does not match the key');
  if (key[0] !== ALG_ED25519) throw new NoteError('unknown-algorithm', 'unknown verifier algorithm');
  if (key.length !== 33) throw new NoteError('malformed-key', 'Ed25519 public keys are 32 bytes');
  const pub = publicKeyFromRaw(key.subarray(1));
  return {
    name,
    keyId: id,
    verify: (message, signature) => signature.length === 64 && verify(null, message, pub, signature),
  };
}

function parseSignerKey(signerKey: string): { name: string; id: number; priv: KeyObject; pub: Uint8Array } {
  if (!signerKey.startsWith('PRIVATE+KEY+')) throw new NoteError('malformed-key', 'malformed signer key');
  const { name, id, key } = splitKey(signerKey.slice('PRIVATE+KEY+'.length));
  if (key[0] !== ALG_ED25519) throw new NoteError('unknown-algorithm', 'unknown signer algorithm');
  if (key.length !== 33) throw new NoteError('malformed-key', 'Ed25519 seeds are 32 bytes');
  const priv = privateKeyFromSeed(key.subarray(1));
  const pub = rawPublicKey(priv);
  // The id names the public key, so it can only be checked after deriving that key from the seed.
  if (noteKeyId(name, concatBytes(new Uint8Array([ALG_ED25519]), pub)) !== id) {
    throw new NoteError('invalid-key-id', 'signer key id does not match the key');
  }
  return { name, id, priv, pub };
}

/** Parses an encoded signer key (Go NewSigner). */
export function newNoteSigner(signerKey: string): NoteSigner {
  const { name, id, priv } = parseSignerKey(signerKey);
  return { name, keyId: id, sign: (message) => new Uint8Array(sign(null, message, priv)) };
}

/** The verifier key matching a signer key. */
export function verifierKeyOf(signerKey: string): string {
  const { name, pub } = parseSignerKey(signerKey);
  return ed25519VerifierKey(name, pub);
}
