import { describe, expect, it } from 'vitest';
import { QueueSelection } from './queue-selection';

describe('picking applications in the queue', () => {
  it('toggles one row, picks a range on top, and forgets everything on clear', () => {
    const s = new QueueSelection();
    s.toggle({ id: 'a', number: '1' }, 0);
    s.toggle({ id: 'b', number: '2' }, 1);
    s.toggle({ id: 'a', number: '1' }, 0);
    expect(s.ids()).toEqual(['b']);
    s.pick([{ id: 'b', number: '2' }, { id: 'c', number: '3' }], 2);
    expect(s.ids()).toEqual(['b', 'c']);
    expect(s.anchor).toBe(2);
    const before = s.getVersion();
    s.clear();
    expect(s.size).toBe(0);
    expect(s.getVersion()).toBeGreaterThan(before);
  });
});
