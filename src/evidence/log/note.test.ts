// Signed notes, tested with the published vectors of Go's golang.org/x/mod/sumdb/note (note_test.go)
// and a real checkpoint signed by sum.golang.org, to prove byte-for-byte interoperability with Go.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8 } from './bytes';
import { openNote, signNote, UnverifiedNoteError } from './note';
import { generateNoteKey, newNoteSigner, newNoteVerifier, NoteError, verifierKeyOf, type NoteSigner } from './note-keys';

const peterKey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const peterSkey = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const enochKey = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const peterB64 = 'x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=';
const enochB64 = 'rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=';
const peterSig = `— PeterNeumann ${peterB64}\n`;
const enochSig = `— EnochRoot ${enochB64}\n`;
const peter = { name: 'PeterNeumann', keyId: 0xc74f20a3, base64: peterB64 };
const enoch = { name: 'EnochRoot', keyId: 0xaf0cfe78, base64: enochB64 };

/** Go's s[:i] + ins + s[i:] on UTF-8 bytes (the em dash is 3 bytes). */
const spliceBytes = (s: string, i: number, ins: string): string => {
  const b = Buffer.from(s);
  return Buffer.concat([b.subarray(0, i), Buffer.from(ins), b.subarray(i)]).toString();
};

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof NoteError ? e.code : 'other';
  }
};

/** Go TestNewVerifier / TestNewSigner: every proper substring and every single-byte increment fails. */
function expectManglingsFail(key: string, parse: (k: string) => unknown): void {
  expect(() => parse(key)).not.toThrow();
  for (let i = 0; i <= key.length; i++) {
    for (let j = i + 1; j <= key.length; j++) if (i !== 0 || j !== key.length) expect(() => parse(key.slice(i, j)), key.slice(i, j)).toThrow();
  }
  for (let i = 0; i < key.length; i++) {
    const bumped = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
    expect(() => parse(bumped), bumped).toThrow();
  }
}

describe('keys (Go note_test.go vectors)', () => {
  it('accepts the published verifier key and rejects every mangling', () => {
    expectManglingsFail(peterKey, newNoteVerifier);
    expect(codeOf(() => newNoteVerifier('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='))).toBe('malformed-key');
    expect(codeOf(() => newNoteVerifier('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'))).toBe('unknown-algorithm');
  });

  it('accepts the published signer key and rejects every mangling', () => {
    expectManglingsFail(peterSkey, newNoteSigner);
    const s = newNoteSigner(peterSkey);
    expect([s.name, s.keyId]).toEqual(['PeterNeumann', 0xc74f20a3]);
    expect(verifierKeyOf(peterSkey)).toBe(peterKey);
  });

  it('generates self-consistent keys (Go TestGenerateKey)', () => {
    const { signerKey, verifierKey } = generateNoteKey('EnochRoot');
    const [s, v] = [newNoteSigner(signerKey), newNoteVerifier(verifierKey)];
    expect([s.name, s.keyId]).toEqual([v.name, v.keyId]);
    expect(verifierKeyOf(signerKey)).toBe(verifierKey);
    expect(verifierKey).toMatch(/^EnochRoot\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const msg = utf8('hi');
    const sig = s.sign(msg);
    expect(v.verify(msg, sig)).toBe(true);
    sig[0]++;
    expect(v.verify(msg, sig)).toBe(false);
    sig[0]--;
    msg[0]++;
    expect(v.verify(msg, sig)).toBe(false);
    expect(() => generateNoteKey('bad name')).toThrow();
    expect(() => generateNoteKey('a+b')).toThrow();
  });
});

describe('signNote (Go TestSign)', () => {
  const want = `${text}\n${peterSig}`;

  it('produces exactly the Go note', () => {
    expect(signNote(text, peterSkey)).toBe(want);
    expect(signNote(text, [newNoteSigner(peterSkey)])).toBe(want);
  });

  it('replaces an existing signature by the same key', () => {
    expect(signNote(text, peterSkey, [{ name: 'PeterNeumann', keyId: 0xc74f20a3, base64: 'BADSIGN=' }])).toBe(want);
  });

  it('rejects bad inputs', () => {
    expect(codeOf(() => signNote('abc', peterSkey))).toBe('malformed-note');
    expect(codeOf(() => signNote(text, [], [{ name: 'a+b', keyId: 0, base64: 'ABCD' }]))).toBe('malformed-note');
    expect(codeOf(() => signNote(text, [], [{ name: 'PeterNeumann', keyId: 0xc74f20a3, base64: 'BADHASH=' }]))).toBe('malformed-note');
    const badSigner: NoteSigner = { ...newNoteSigner(peterSkey), name: 'bad name' };
    expect(codeOf(() => signNote(text, badSigner))).toBe('invalid-signer');
    expect(codeOf(() => signNote('a\u0001b\n', peterSkey))).toBe('malformed-note');
  });

  it('keeps other signatures first and appends new ones (cosigning)', () => {
    const opened = openNote(`${text}\n${enochSig}`, [enochKey]);
    expect(signNote(text, peterSkey, opened.sigs)).toBe(`${text}\n${enochSig}${peterSig}`);
  });
});

describe('openNote (Go TestOpen)', () => {
  it('verifies one signature and keeps the unknown one', () => {
    const n = openNote(`${text}\n${peterSig}${enochSig}`, [peterKey]);
    expect(n).toEqual({ text, sigs: [peter], unverifiedSigs: [enoch] });
  });

  it('verifies both', () => {
    const n = openNote(utf8(`${text}\n${peterSig}${enochSig}`), [peterKey, newNoteVerifier(enochKey)]);
    expect(n).toEqual({ text, sigs: [peter, enoch], unverifiedSigs: [] });
  });

  it('rejects a note with no known signature, exposing the parsed note', () => {
    let err: unknown;
    try {
      openNote(`${text}\n${peterSig}${enochSig}`, []);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnverifiedNoteError);
    expect((err as Error).message).toBe('note has no verifiable signatures');
    expect((err as UnverifiedNoteError).note).toEqual({ text, sigs: [], unverifiedSigs: [peter, enoch] });
  });

  it('detects ambiguous verifiers only when used', () => {
    expect(() => openNote(`${text}\n${enochSig}`, [enochKey, peterKey, enochKey])).toThrow('ambiguous key EnochRoot+af0cfe78');
    expect(openNote(`${text}\n${peterSig}`, [enochKey, peterKey, enochKey]).sigs).toEqual([peter]);
  });

  it('limits the number of signatures', () => {
    expect(codeOf(() => openNote(`${text}\n${peterSig.repeat(101)}`, [peterKey]))).toBe('malformed-note');
    expect(codeOf(() => openNote(`${text}\n${peterSig.repeat(101)}`, []))).toBe('malformed-note');
    expect(openNote(`${text}\n${peterSig.repeat(16)}`, [peterKey]).sigs).toEqual([peter]);
  });

  it('rejects an invalid signature by a known key', () => {
    const bad = spliceBytes(peterSig, 60, 'ABCD');
    expect(() => openNote(`${text}\n${bad}`, [peterKey])).toThrow('invalid signature for key PeterNeumann+c74f20a3');
  });

  it('drops duplicated verified and unverified signatures', () => {
    const enochABCD = { ...enoch, base64: 'rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5nABCD2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=' };
    const msg = `${text}\n${peterSig}${peterSig}${enochSig}${enochSig}${spliceBytes(enochSig, 60, 'ABCD')}`;
    expect(openNote(msg, [peterKey])).toEqual({ text, sigs: [peter], unverifiedSigs: [enoch, enochABCD] });
  });

  it('rejects malformed notes', () => {
    const bad: (string | Uint8Array)[] = [
      text,
      `${text}\n`,
      `${text}\n${peterSig.slice(0, -1)}`,
      `\u0001${text}\n${peterSig}`,
      Buffer.concat([Buffer.from([0xff]), Buffer.from(`${text}\n${peterSig}`)]),
      `${text}\n— Bad Name ${peterB64}`,
      `${text}\n${peterSig}Unexpected line.\n`,
      `${text}\n— PeterNeumann ${peterB64.slice(0, -1)}\n`,
      `${text}\n— PeterNeumann\n`,
      `${text}\n— PeterNeumann AAAA\n`,
      `${text}\r\n${peterSig}`,
      `\uD800${text}\n${peterSig}`,
    ];
    for (const msg of bad) expect(codeOf(() => openNote(msg, [peterKey])), String(msg)).toBe('malformed-note');
  });

  it('opens a real sum.golang.org checkpoint with the published sum.golang.org key', () => {
    const key = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
    const note =
      'go.sum database tree\n6476701\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n\n' +
      '— sum.golang.org Az3grsLX85Gz+s1SiTbgkuqxgItqFq7gsMUEyVnrsa9LM7Us9S+1xbFIGu95949rj4nPRYfvimWEPWL+o3GeoWwOoAw=\n';
    expect(openNote(note, [key]).text).toBe('go.sum database tree\n6476701\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n');
    expect(codeOf(() => openNote(note.replace('6476701', '6476702'), [key]))).toBe('invalid-signature');
  });

  it('round-trips any clean text with generated keys', () => {
    const k1 = generateNoteKey('vigil.example/log');
    const k2 = generateNoteKey('witness.example');
    const clean = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replace(/[\u0000-\u001f]/g, '') + '\n');
    fc.assert(
      fc.property(fc.array(clean, { minLength: 1, maxLength: 4 }), (parts) => {
        const t = parts.join('');
        const note = signNote(t, [k1.signerKey, k2.signerKey]);
        const opened = openNote(note, [k1.verifierKey]);
        return opened.text === t && opened.sigs.length === 1 && opened.unverifiedSigs.length === 1;
      }),
      { numRuns: 50 },
    );
  });
});
