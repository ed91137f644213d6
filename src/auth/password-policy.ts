/**
 * Password policy in the spirit of NIST SP 800-63B: length over composition rules. A password
 * must have at least 12 characters (Unicode code points after NFC), at most 256, must not be a
 * common password (or a common word with only digits and symbols around it), must not contain
 * the user name or other words the caller names (real name, organisation), and must not be one
 * character repeated. Messages are written for the person choosing the password.
 */
import { COMMON_BASE_WORDS, COMMON_PASSWORDS } from './common-passwords';
import { PASSWORD_MAX_LENGTH } from './password';

export const PASSWORD_MIN_LENGTH = 12;

export type PasswordProblemCode = 'too_short' | 'too_long' | 'common' | 'contains_username' | 'contains_personal_word' | 'repeated_character';

export interface PasswordProblem {
  code: PasswordProblemCode;
  message: string;
}

export interface PasswordCheck {
  ok: boolean;
  problems: PasswordProblem[];
}

export interface PasswordContext {
  username?: string;
  /** Further words the password must not contain: real name, e-mail local part, organisation. */
  personalWords?: readonly string[];
}

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '3': 'e', '1': 'i', '!': 'i', '0': 'o', '$': 's', '5': 's', '7': 't' };

function fold(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('und');
}

/** The letters left when leading/trailing digits and symbols are cut, with common look-alike digits read as letters. */
function baseWord(folded: string): string {
  const core = folded.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, '');
  return [...core].map((c) => LEET[c] ?? c).join('');
}

function isCommon(folded: string): boolean {
  if (COMMON_PASSWORDS.has(folded)) return true;
  const word = baseWord(folded);
  if (word === '') return false;
  return COMMON_BASE_WORDS.has(word) || COMMON_BASE_WORDS.has(word.replace(/^(.+?)\1+$/u, '$1'));
}

/** Checks a candidate password; `ok` is true when `problems` is empty. */
export function checkPasswordPolicy(password: string, context: PasswordContext = {}): PasswordCheck {
  const problems: PasswordProblem[] = [];
  const length = [...password.normalize('NFC')].length;
  const folded = fold(password);
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push({ code: 'too_short', message: `Use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${length}). A few unrelated words make a long password easy to remember.` });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push({ code: 'too_long', message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` });
  }
  if (isCommon(folded)) {
    problems.push({ code: 'common', message: 'This password is among the first that attackers try. Choose something less predictable.' });
  }
  const username = context.username === undefined ? '' : fold(context.username).trim();
  if (username.length >= 3 && folded.includes(username)) {
    problems.push({ code: 'contains_username', message: 'The password must not contain your user name.' });
  }
  const personal = (context.personalWords ?? []).map((w) => fold(w).trim()).filter((w) => w.length >= 3 && w !== username);
  if (personal.some((w) => folded.includes(w))) {
    problems.push({ code: 'contains_personal_word', message: 'The password must not contain your name or other words tied to you or this organisation.' });
  }
  if (length > 0 && new Set(folded).size === 1) {
    problems.push({ code: 'repeated_character', message: 'The password must not be one character repeated.' });
  }
  return { ok: problems.length === 0, problems };
}
