import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../shared/domain/deadline';
import { isoToDayNumber } from '../../../shared/domain/kyiv-time';
import { deadlineOf, factsOfRecord } from '../../../shared/reports/record-facts';
import { generateApplications } from '../../../shared/training';
import { factsRow } from '../../services/reports/report-rows';
import { migrate } from './index';
import { freshDb } from './test-db';

const NOW = Date.parse('2026-11-27T08:00:00Z');

describe('central migration 009 (report facts)', () => {
  it('back-fills one facts row per stored application, derived by the shared rule, and the counts they add', () => {
    const db = freshDb();
    migrate(db, 8);
    db.prepare("INSERT INTO centers (id, name, address) VALUES ('sc-8041', 'A', 'a'), ('sc-4641', 'B', 'b')").run();
    const insert = db.prepare(`INSERT INTO applications (id, number, center_id, status, version, change_seq, birth_date, photo_hash, signature_hash, source, last_actor, record)
      VALUES (?, ?, ?, ?, ?, ?, '1985-03-09', 'p', 's', 'training', 'central', ?)`);
    const records = [
      ...generateApplications({ seed: 3, size: 120, now: NOW }),
      ...generateApplications({ seed: 4, size: 80, now: NOW, centerId: 'sc-4641' }),
    ];
    records.forEach((r, i) => insert.run(r.id, `${r.centerId}-${r.number}`, r.centerId, r.status, r.version, i + 1, JSON.stringify(r)));
    // A three-hour alarm at sc-8041 on a working day some applications were still waiting for a decision.
    db.prepare(`INSERT INTO force_majeure_periods (id, center_id, kind, starts_at, ends_at, note, recorded_at)
      VALUES ('fm-1', 'sc-8041', 'air_alarm', '2026-11-18T08:00:00.000Z', '2026-11-18T11:00:00.000Z', 'тривога', 0)`).run();

    expect(migrate(db, 9)).toBe(9);
    const calendar = new WorkingCalendar();
    const fm = new Set([isoToDayNumber('2026-11-18')]);
    const expected = records.map((r) => factsRow(factsOfRecord(r, deadlineOf(Date.parse(r.submittedAt), calendar, r.centerId === 'sc-8041' ? fm : new Set()), calendar)));
    const stored = db.prepare('SELECT * FROM report_facts ORDER BY application_id').all();
    expect(stored).toEqual(expected.sort((a, b) => a.application_id.localeCompare(b.application_id)));
    expect(expected.some((f) => f.extended_days > 0)).toBe(true);

    // Day and month rows count the same things: received per center equals the applications filed there.
    const received = db.prepare(`SELECT center_id, tier, sum(n) AS n FROM report_counts WHERE metric = 'received' GROUP BY center_id, tier ORDER BY center_id, tier`).all();
    expect(received).toEqual([
      { center_id: 'sc-4641', tier: 'day', n: 80 }, { center_id: 'sc-4641', tier: 'month', n: 80 },
      { center_id: 'sc-8041', tier: 'day', n: 120 }, { center_id: 'sc-8041', tier: 'month', n: 120 },
    ]);
    db.close();
  });

  it('reads a center\'s counts for a metric and a range of days, and its stretches in length order, through indexes', () => {
    const db = freshDb();
    migrate(db, 9);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT sum(n) FROM report_counts WHERE center_id IN ('a', 'b') AND tier = 'month' AND metric IN ('received', 'decided') AND day BETWEEN 1 AND 9")).toMatch(/USING PRIMARY KEY/);
    for (const center of ['', "center_id || '' IN ('a') AND "]) {
      const walk = plan(`SELECT decision_ms FROM report_facts WHERE ${center}decision_ms >= 1 AND decision_ms < 9 AND decided_day BETWEEN 1 AND 5 ORDER BY decision_ms LIMIT 1 OFFSET 3`);
      expect(walk).toMatch(/USING COVERING INDEX report_facts_decision_ms/);
      expect(walk).not.toMatch(/TEMP B-TREE/);
    }
    expect(plan("SELECT decision_ms FROM report_facts WHERE center_id = 'a' AND decided_by = 'op' AND decision_ms >= 1 AND decision_ms < 9 AND decided_day BETWEEN 1 AND 5 ORDER BY decision_ms LIMIT 1 OFFSET 3")).toMatch(/USING COVERING INDEX report_facts_operator/);
    expect(plan("SELECT application_id FROM report_facts WHERE center_id = 'a' AND due_day >= 5 AND submitted_day <= 9")).toMatch(/USING INDEX report_facts_due/);
    db.close();
  });
});
