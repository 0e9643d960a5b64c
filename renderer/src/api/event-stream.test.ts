import { describe, expect, it } from 'vitest';
import { EventStreamParser, readConsoleEvent } from './event-stream';

describe('event stream parser', () => {
  it('yields an event only when its blank line arrives, across chunks split mid-line', () => {
    const p = new EventStreamParser();
    expect(p.push('data: {"name":"queue.cha')).toEqual([]);
    expect(p.push('nged","payload":{"reason":"pull"}}\n')).toEqual([]);
    const events = p.push('\n');
    expect(events).toHaveLength(1);
    expect(readConsoleEvent(events[0]!)).toEqual({ name: 'queue.changed', payload: { reason: 'pull' } });
  });

  it('ignores comments (keep-alives) and handles CRLF and several events in one chunk', () => {
    const p = new EventStreamParser();
    const events = p.push(': ping\r\n\r\ndata: {"name":"a","payload":1}\r\n\r\ndata: {"name":"b","payload":2}\r');
    expect(events.map((e) => readConsoleEvent(e)?.name)).toEqual(['a']);
    expect(p.push('\n\r\n').map((e) => readConsoleEvent(e)?.name)).toEqual(['b']);
  });

  it('joins multi-line data and uses the event field when the JSON carries no name', () => {
    const p = new EventStreamParser();
    const [ev] = p.push('event: queue.changed\ndata: {"reason":\ndata: "x"}\n\n');
    expect(readConsoleEvent(ev!)).toEqual({ name: 'queue.changed', payload: { reason: 'x' } });
  });

  it('drops data that is neither named JSON nor has an event field', () => {
    const p = new EventStreamParser();
    const [ev] = p.push('data: not json\n\n');
    expect(readConsoleEvent(ev!)).toBeNull();
  });
});
