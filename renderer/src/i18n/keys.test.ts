import { describe, expect, it } from 'vitest';
import { uk } from './uk';
import { en } from './en';
import { STATUSES, CITIZEN_STATUS } from '../../../shared/domain/status';
import { ERROR_CODES } from '../../../shared/api/errors';
import { DELIVERY_METHODS, GROUNDS, SERVICES } from '../../../shared/domain/application';
import { SORT_COLUMNS } from '../../../shared/api/queue';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const ukKeys = leaves(uk as unknown as Tree);
const enKeys = leaves(en as unknown as Tree);

describe('i18n catalogues', () => {
  it('Ukrainian and English have exactly the same keys', () => {
    expect([...enKeys.keys()].sort()).toEqual([...ukKeys.keys()].sort());
  });

  it('no text is empty in either language', () => {
    for (const [lang, keys] of [['uk', ukKeys], ['en', enKeys]] as const) {
      const empty = [...keys].filter(([, v]) => v.trim() === '').map(([k]) => `${lang}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  it('every status, citizen status, service, ground, delivery method, sort column and error code has a text', () => {
    const wanted = [
      ...STATUSES.map((s) => `status.${s}`),
      ...Object.values(CITIZEN_STATUS).map((c) => `citizenStatus.${c}`),
      ...SERVICES.map((s) => `service.${s}`),
      ...GROUNDS.map((g) => `ground.${g}`),
      ...DELIVERY_METHODS.map((d) => `delivery.${d}`),
      ...SORT_COLUMNS.map((c) => `queue.columns.${c}`),
      ...ERROR_CODES.map((c) => `errors.${c}`),
    ];
    expect(wanted.filter((k) => !ukKeys.has(k))).toEqual([]);
  });

  it('every plural key has all the forms Ukrainian needs', () => {
    const bases = [...ukKeys.keys()].filter((k) => k.endsWith('_one')).map((k) => k.slice(0, -'_one'.length));
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) {
      for (const form of ['one', 'few', 'many', 'other']) expect(ukKeys.has(`${base}_${form}`), `${base}_${form}`).toBe(true);
    }
  });
});
