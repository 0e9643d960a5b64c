import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './router';

describe('routes', () => {
  it('reads the queue, an application and the force-majeure screen from the address', () => {
    expect(parseRoute('')).toEqual({ name: 'queue' });
    expect(parseRoute('#/applications/app%2F1')).toEqual({ name: 'application', id: 'app/1' });
    expect(parseRoute('#/force-majeure')).toEqual({ name: 'forceMajeure' });
    expect(parseRoute('#/force-majeure/')).toEqual({ name: 'forceMajeure' });
    expect(parseRoute('#/somewhere-else')).toEqual({ name: 'queue' });
    expect(parseRoute('#/applications/%E0%A4%A')).toEqual({ name: 'queue' });
  });

  it('reads the paperwork screens and a print preview with its applications, batch or day', () => {
    expect(parseRoute('#/cards-arrived')).toEqual({ name: 'arrivals' });
    expect(parseRoute('#/shipping')).toEqual({ name: 'shipping' });
    expect(parseRoute('#/shipping/b-1')).toEqual({ name: 'batch', id: 'b-1' });
    expect(parseRoute('#/print/handover_receipt?ids=a,b')).toEqual({ name: 'print', target: { document: 'handover_receipt', ids: ['a', 'b'] } });
    expect(parseRoute('#/print/batch_list?batch=b-1')).toEqual({ name: 'print', target: { document: 'batch_list', batchId: 'b-1' } });
    expect(parseRoute('#/print/daily_register?date=2026-11-27')).toEqual({ name: 'print', target: { document: 'daily_register', date: '2026-11-27' } });
    expect(parseRoute('#/print/daily_register?date=yesterday')).toEqual({ name: 'print', target: { document: 'daily_register' } });
    expect(parseRoute('#/print/love_letter?ids=a')).toEqual({ name: 'queue' });
  });

  it('writes each route back to the address it is read from', () => {
    const routes: Route[] = [
      { name: 'queue' },
      { name: 'application', id: 'app 1' },
      { name: 'forceMajeure' },
      { name: 'arrivals' },
      { name: 'uncollected' },
      { name: 'shipping' },
      { name: 'batch', id: 'b/1' },
      { name: 'review' },
      { name: 'sync' },
      { name: 'print', target: { document: 'production_order', ids: ['app-1', 'app-2'] } },
      { name: 'print', target: { document: 'address_label', batchId: 'b 1' } },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });
});
