/** The opt-in stage timer (issue 22): off by default, and its summary holds stage names and numbers only. */
import { describe, expect, it } from 'vitest';
import { StageTimes, stageTimes } from './stage-times';

describe('stage times', () => {
  it('is off unless KEYWARDEN_STAGE_TIMES is set', () => {
    expect(process.env['KEYWARDEN_STAGE_TIMES']).toBeUndefined();
    expect(stageTimes).toBeUndefined();
  });

  it('times each stage from the one before it, leaves out the warm-up, and times the ack from the record', () => {
    const timer = new StageTimes(1);
    timer.mark(1, 'request', 0);
    timer.mark(1, 'sent', 50);
    for (const id of [2, 3]) {
      timer.mark(id, 'request', 100);
      timer.mark(id, 'body', 100.5);
      timer.mark(id, 'accepted', 101);
      timer.mark(id, 'assessed', 103);
      timer.mark(id, 'sent', 104);
      timer.mark(id, 'ack', 105);
    }
    timer.mark(undefined, 'sent');
    const summary = timer.summary();
    expect(summary).toContain('over 2 alerts');
    expect(summary).toMatch(/assessed \(since previous\)\s+2\.000 \/\s+2\.000/);
    expect(summary).toMatch(/ack \(since accepted\)\s+4\.000/);
    expect(summary).toMatch(/request -> sent\s+4\.000/);
    // Nothing but stage names, numbers and the words around them.
    expect(summary).toMatch(/^[\w\s().,:/>=-]+$/);
  });
});
