/** A parsed server-sent event: its `event:` field (if any) and its joined `data:` lines. */
export interface ServerSentEvent {
  event: string | null;
  data: string;
}

/**
 * Incremental parser for a text/event-stream body (the subset we use: `event:`, `data:`, comments).
 * Chunks may split lines anywhere; an event is complete at a blank line.
 */
export class EventStreamParser {
  private buffer = '';
  private data: string[] = [];
  private event: string | null = null;

  push(chunk: string): ServerSentEvent[] {
    this.buffer += chunk;
    const out: ServerSentEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const ev = this.line(line);
      if (ev) out.push(ev);
    }
    return out;
  }

  private line(line: string): ServerSentEvent | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = null;
        return null;
      }
      const ev = { event: this.event, data: this.data.join('\n') };
      this.data = [];
      this.event = null;
      return ev;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    return null;
  }
}

/** Our events carry `{name, payload}` as JSON in `data`; an `event:` field names it when the JSON does not. */
export function readConsoleEvent(ev: ServerSentEvent): { name: string; payload: unknown } | null {
  try {
    const parsed: unknown = JSON.parse(ev.data);
    if (parsed && typeof parsed === 'object' && 'name' in parsed && typeof parsed.name === 'string') {
      return { name: parsed.name, payload: 'payload' in parsed ? parsed.payload : undefined };
    }
    if (ev.event) return { name: ev.event, payload: parsed };
  } catch {
    if (ev.event) return { name: ev.event, payload: ev.data };
  }
  return null;
}
