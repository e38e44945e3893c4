/**
 * The usage the gateway reads from answers as they pass: every provider shape it knows, streams cut
 * into chunks anywhere (even inside a line break), and nothing held beyond an event.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_EVENT_BYTES, SseEventSplitter } from './sse-event-splitter';
import { UsageMeter, isUsageOnlyChunk } from './usage-meter';

const sse = (...events: unknown[]) => events.map((event) => (typeof event === 'string' ? event : `data: ${JSON.stringify(event)}\n\n`)).join('');

/** Feeds `text` to a stream meter in the given chunk sizes; returns the usage and the events it cut. */
function meterStream(text: string, cuts: readonly number[] = []): { usage: ReturnType<UsageMeter['usage']>; events: string[] } {
  const meter = new UsageMeter(true);
  const bytes = Buffer.from(text, 'utf8');
  const events: string[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    const end = Math.min(bytes.length, Math.max(at, cut));
    events.push(...meter.push(bytes.subarray(at, end)).map(String));
    at = end;
  }
  const rest = meter.rest();
  if (rest.length) events.push(String(rest));
  return { usage: meter.usage(), events };
}

describe('reading usage', () => {
  it('reads OpenAI chat completions, the Responses API, Anthropic (with cache tokens) and Gemini as JSON', () => {
    const json = (body: unknown) => {
      const meter = new UsageMeter(false);
      meter.push(Buffer.from(JSON.stringify(body)));
      return meter.usage();
    };
    expect(json({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 } })).toEqual({ tokensIn: 12, tokensOut: 3 });
    expect(json({ object: 'response', usage: { input_tokens: 9, output_tokens: 4 } })).toEqual({ tokensIn: 9, tokensOut: 4 });
    expect(json({ type: 'message', usage: { input_tokens: 10, cache_creation_input_tokens: 100, cache_read_input_tokens: 1000, output_tokens: 5 } })).toEqual({ tokensIn: 1110, tokensOut: 5 });
    expect(json({ candidates: [], usageMetadata: { promptTokenCount: 8, candidatesTokenCount: 2, thoughtsTokenCount: 30 } })).toEqual({ tokensIn: 8, tokensOut: 32 });
    expect(json({ error: { message: 'nope' } })).toEqual({ tokensIn: null, tokensOut: null });
  });

  it('reads streams: the final usage chunk, Anthropic message_start then the cumulative message_delta, Responses completed, Groq x_groq', () => {
    expect(meterStream(sse({ choices: [{ delta: { content: 'Hi' } }], usage: null }, { choices: [], usage: { prompt_tokens: 21, completion_tokens: 7 } }, 'data: [DONE]\n\n')).usage).toEqual({ tokensIn: 21, tokensOut: 7 });
    const anthropic = [
      'event: message_start\n', `data: ${JSON.stringify({ type: 'message_start', message: { usage: { input_tokens: 25, output_tokens: 1 } } })}\n\n`,
      'event: message_delta\n', `data: ${JSON.stringify({ type: 'message_delta', usage: { output_tokens: 10 } })}\n\n`,
      'event: message_delta\n', `data: ${JSON.stringify({ type: 'message_delta', usage: { output_tokens: 15 } })}\n\n`,
    ].join('');
    expect(meterStream(anthropic).usage).toEqual({ tokensIn: 25, tokensOut: 15 });
    expect(meterStream(sse({ type: 'response.created', response: { usage: null } }, { type: 'response.completed', response: { usage: { input_tokens: 5, output_tokens: 6 } } })).usage).toEqual({ tokensIn: 5, tokensOut: 6 });
    expect(meterStream(sse({ choices: [], x_groq: { usage: { prompt_tokens: 3, completion_tokens: 4 } } })).usage).toEqual({ tokensIn: 3, tokensOut: 4 });
  });

  it('gives the same events and usage however the stream is cut, with LF or CRLF line breaks', () => {
    const lf = sse({ choices: [{ delta: { content: 'a' } }] }, { choices: [], usage: { prompt_tokens: 2, completion_tokens: 1 } }, 'data: [DONE]\n\n');
    const crlf = lf.replaceAll('\n', '\r\n');
    for (const text of [lf, crlf]) {
      const whole = meterStream(text);
      expect(whole.events).toHaveLength(3);
      fc.assert(fc.property(fc.array(fc.nat({ max: text.length }), { maxLength: 12 }).map((cuts) => [...cuts].sort((a, b) => a - b)), (cuts) => {
        const cut = meterStream(text, cuts);
        expect(cut.usage).toEqual({ tokensIn: 2, tokensOut: 1 });
        expect(cut.events).toEqual(whole.events);
      }));
    }
  });

  it('tells the usage-only chunk apart', () => {
    expect(isUsageOnlyChunk(Buffer.from(sse({ choices: [], usage: { prompt_tokens: 1 } })))).toBe(true);
    expect(isUsageOnlyChunk(Buffer.from(sse({ choices: [{ delta: {} }], usage: null })))).toBe(false);
    expect(isUsageOnlyChunk(Buffer.from('data: [DONE]\n\n'))).toBe(false);
  });

  it('holds no more than one bounded event: a larger one is handed back and reading stops', () => {
    const splitter = new SseEventSplitter();
    const huge = Buffer.alloc(MAX_EVENT_BYTES + 10, 'a');
    const handedBack = splitter.push(huge);
    expect(handedBack.map((event) => event.length)).toEqual([huge.length]);
    expect(splitter.overflowed).toBe(true);
    expect(splitter.push(Buffer.from('data: x\n\n'))).toEqual([Buffer.from('data: x\n\n')]);
  });
});
