/**
 * Reading secrets in the CLI: from a hidden terminal prompt, or from standard input when it is not
 * a terminal. Secrets are never taken from command-line arguments (they would land in shell history
 * and in every `ps` listing).
 */
import { KeywardenError } from '../api/errors';

export function stdinIsTerminal(): boolean {
  return Boolean(process.stdin.isTTY);
}

/** Asks on the terminal without echoing what is typed. */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return Promise.reject(new KeywardenError('PASSPHRASE_REQUIRED', `${question.replace(/:\s*$/, '')} is needed, but there is no terminal to ask on. Set it in the environment (see keywarden --help).`));
  }
  return new Promise((resolve, reject) => {
    process.stderr.write(question);
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') return finish();
        if (character === '\u0003') return finish(new KeywardenError('INVALID_INPUT', 'Cancelled.'));
        if (character === '\u007f' || character === '\b') typed = typed.slice(0, -1);
        else if (character >= ' ') typed += character;
      }
    };
    stdin.on('data', onData);
  });
}

/** Reads all of standard input (for secrets piped in as JSON). */
export async function readStdin(maxBytes = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) throw new KeywardenError('INVALID_INPUT', 'Standard input is too large to be a set of API keys.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Parses `{"apiKey":"…","secret":"…"}` from standard input. The error never quotes the input: JSON
 * parser messages include a piece of it, and that piece may be a secret.
 */
export function parseSecretsJson(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KeywardenError('INVALID_INPUT', 'Standard input is not valid JSON. Send the key fields as a JSON object, for example {"apiKey":"…","secret":"…"}.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new KeywardenError('INVALID_INPUT', 'Standard input must be a JSON object of key fields, for example {"apiKey":"…","secret":"…"}.');
  }
  return parsed as Record<string, unknown>;
}
