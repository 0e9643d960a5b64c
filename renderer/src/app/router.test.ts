import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './router';

describe('routes', () => {
  it('reads the queue, an application and the force-majeure screen from the address', () => {
    expect(parseRoute('')).toEqual({ name: 'queue' });
    expect(parseRoute('#/applications/app%2F1')).toEqual({ name: 'application', id: 'app/1' });
    expect(parseRoute('#/force-majeure')).toEqual({ name: 'forceMajeure' });
    expect(parseRoute('#/force-majeure/')).toEqual({ name: 'forceMajeure' });
    expect(parseRoute('#/somewhere-else')).toEqual({ name: 'queue' });
  });

  it('writes each route back to the address it is read from', () => {
    for (const route of [{ name: 'queue' }, { name: 'application', id: 'app 1' }, { name: 'forceMajeure' }] as const) {
      expect(parseRoute(routeHash(route))).toEqual(route);
    }
  });
});
