import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CliError } from './common';

export interface SecretSource {
  /** A file holding the secret (one trailing newline is dropped). */
  file?: string;
  /** The environment variable consulted next. */
  env: string;
  /** What is asked on a terminal. */
  prompt: string;
  /** Ask twice on a terminal (new passwords and passphrases). */
  confirm?: boolean;
  /** The flag that names the file, for the error message. */
  fileFlag: string;
}

/** Reads a line from the terminal without echoing it. */
async function promptHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const internals = rl as unknown as { _writeToOutput: (text: string) => void };
  process.stderr.write(question);
  internals._writeToOutput = () => {};
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

/**
 * A password or passphrase from, in this order: the file given, the environment variable, a prompt
 * on the terminal. Never from stdin when it is not a terminal (a pipe would leave the secret in
 * shell history or scripts, and a CLI run by a job must not hang waiting for it).
 */
export async function readSecret(source: SecretSource): Promise<string> {
  if (source.file) {
    const text = await readFile(source.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`cannot read ${source.fileFlag} ${source.file}: ${error.code ?? error.message}`);
    });
    return text.replace(/\r?\n$/, '');
  }
  const fromEnv = process.env[source.env];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new CliError(`no ${source.prompt.toLowerCase().replace(/:\s*$/, '')} given: use ${source.fileFlag} FILE or the ${source.env} environment variable (stdin is not read when it is not a terminal)`);
  }
  const first = await promptHidden(source.prompt);
  if (source.confirm && (await promptHidden('Again: ')) !== first) throw new CliError('the two entries differ');
  return first;
}

/** A plain (echoed) answer on the terminal, or null when there is none. */
export async function askLine(question: string): Promise<string | null> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return (await new Promise<string>((resolve) => rl.question(question, resolve))).trim();
  } finally {
    rl.close();
  }
}
