/** The output filter of `keywarden run`: values concealed however the output is cut into chunks. */
import { describe, expect, it } from 'vitest';
import { CONCEALED, concealingStream } from './secret-concealer';

async function through(values: string[], chunks: (string | Buffer)[]): Promise<{ text: string; emitted: string[] }> {
  const stream = concealingStream(values);
  const emitted: string[] = [];
  stream.on('data', (chunk: Buffer) => emitted.push(chunk.toString('utf8')));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await ended;
  return { text: emitted.join(''), emitted };
}

const secret = 'Sx9-secret-value-ü-1234567890';

describe('concealingStream', () => {
  it('conceals a value cut at every possible place, even byte by byte', async () => {
    const text = `a ${secret} b ${secret}`;
    const bytes = Buffer.from(text, 'utf8');
    expect((await through([secret], [...bytes].map((byte) => Buffer.from([byte])))).text).toBe(`a ${CONCEALED} b ${CONCEALED}`);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect((await through([secret], [bytes.subarray(0, cut), bytes.subarray(cut)])).text).toBe(`a ${CONCEALED} b ${CONCEALED}`);
    }
  });

  it('holds back only what could begin a value: a prompt passes at once', async () => {
    const { emitted } = await through([secret], ['Enter amount: ', 'Sx9', 'nope\n']);
    expect(emitted[0]).toBe('Enter amount: ');
    expect(emitted.join('')).toBe('Enter amount: Sx9nope\n');
  });

  it('conceals overlapping and nested values whole, and leaves short values alone', async () => {
    expect((await through(['abcdefgh12', 'gh12345678', 'abcdefgh'], ['xx abcdefgh12345678 yy abcdefgh'])).text).toBe(`xx ${CONCEALED} yy ${CONCEALED}`);
    expect((await through(['1234', secret], ['uid 1234'])).text).toBe('uid 1234');
  });
});
