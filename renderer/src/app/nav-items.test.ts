import { describe, expect, it } from 'vitest';
import { NAV_ITEMS, navItemsFor } from './nav-items';

/** Keys the screens use for themselves (queue, application, decision panel, print preview). */
const SCREEN_KEYS = ['j', 'k', 'c', 'u', 'a', 'r', 'p', 'i', '1', '2', '3'];

describe('header screens and their keys', () => {
  it('each screen key is one Latin letter, used once, and never one a screen uses itself', () => {
    const keys = NAV_ITEMS.flatMap((i) => (i.key ? [i.key] : []));
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) {
      expect(key).toMatch(/^[a-z]$/);
      expect(SCREEN_KEYS).not.toContain(key);
    }
  });

  it('an administrator does not see the supervisor’s screens', () => {
    const admin = navItemsFor('administrator').map((i) => i.route.name);
    expect(admin).not.toContain('review');
    expect(admin).not.toContain('forceMajeure');
    expect(navItemsFor('supervisor').map((i) => i.route.name)).toEqual(NAV_ITEMS.map((i) => i.route.name));
  });
});
