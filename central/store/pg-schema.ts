import { sql, type Kysely } from 'kysely';
import { STATUSES } from '../../shared/domain/status';
import { backfillReportFacts } from '../services/reports/report-writes';
import { INITIAL_META, INITIAL_REFUSAL_REASONS } from './reference-seed';
import type { CentralSchema } from './schema';

/**
 * The central store's schema on PostgreSQL: the same tables and constraints as the SQLite migrations, in
 * PostgreSQL's types (bigint for milliseconds, bytea for images, jsonb checks for JSON text). Tracked by
 * `schema_version`; each step runs in its own transaction. The version numbers match the SQLite migrations so a
 * store moved from one to the other is at the same version.
 */
interface PgStep {
  version: number;
  ddl: string;
  /** Rows the step starts with, as the SQLite migration of the same version inserts them. */
  data?: (tx: Kysely<CentralSchema>) => Promise<void>;
}

const statusList = STATUSES.map((s) => `'${s}'`).join(', ');

const STEPS: readonly PgStep[] = [
  {
    version: 1,
    ddl: `
      CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
      CREATE TABLE centers (id text PRIMARY KEY, name text NOT NULL, address text NOT NULL);
      CREATE TABLE operators (
        id text PRIMARY KEY,
        center_id text NOT NULL REFERENCES centers (id),
        login text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('administrator', 'supervisor')),
        password_hash text NOT NULL,
        disabled integer NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        source text NOT NULL DEFAULT 'central' CHECK (source IN ('central', 'training')),
        UNIQUE (center_id, login)
      );
      CREATE TABLE refusal_reasons (
        code text PRIMARY KEY,
        title_uk text NOT NULL,
        title_en text NOT NULL,
        suggested_for_flag text CHECK (suggested_for_flag IN ('paymentConfirmed', 'identityMatches', 'noDrivingBan', 'licenceInRegister')),
        active integer NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        sort_order integer NOT NULL
      );
      CREATE TABLE non_working_days (day text PRIMARY KEY CHECK (day ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'));
      CREATE TABLE force_majeure_periods (
        id text PRIMARY KEY,
        center_id text NOT NULL REFERENCES centers (id),
        kind text NOT NULL CHECK (kind IN ('air_alarm', 'power_outage', 'other')),
        starts_at text NOT NULL,
        ends_at text NOT NULL,
        note text NOT NULL,
        recorded_by text,
        workstation_id text,
        op_id text,
        recorded_at bigint NOT NULL
      );
      CREATE INDEX force_majeure_by_center ON force_majeure_periods (center_id, starts_at);`,
    async data(tx) {
      await tx.insertInto('meta').values([...INITIAL_META]).execute();
      await tx.insertInto('refusal_reasons').values(INITIAL_REFUSAL_REASONS).execute();
    },
  },
  {
    version: 2,
    ddl: `
      CREATE TABLE applications (
        id text PRIMARY KEY,
        number text NOT NULL UNIQUE,
        center_id text NOT NULL REFERENCES centers (id),
        status text NOT NULL CHECK (status IN (${statusList})),
        version integer NOT NULL CHECK (version >= 1),
        change_seq bigint NOT NULL UNIQUE,
        birth_date text NOT NULL,
        photo_hash text NOT NULL,
        signature_hash text NOT NULL,
        source text NOT NULL CHECK (source IN ('intake', 'training')),
        last_actor text NOT NULL,
        last_operator text,
        last_op_id text,
        decided_by text,
        decided_operator text,
        decided_op_id text,
        record text NOT NULL CHECK (record::jsonb IS NOT NULL)
      );
      CREATE INDEX applications_feed ON applications (center_id, change_seq);
      CREATE INDEX applications_submitted ON applications (center_id, change_seq) WHERE status = 'submitted';
      CREATE INDEX applications_photo ON applications (photo_hash);
      CREATE INDEX applications_signature ON applications (signature_hash);
      CREATE TABLE claims (
        application_id text PRIMARY KEY REFERENCES applications (id),
        operator_id text NOT NULL,
        workstation_id text NOT NULL,
        op_id text,
        claimed_at bigint NOT NULL
      );
      CREATE TABLE images (
        hash text PRIMARY KEY CHECK (length(hash) = 64),
        mime text NOT NULL CHECK (mime IN ('image/svg+xml', 'image/jpeg', 'image/png')),
        data bytea NOT NULL
      );
      -- The changes feed's counter: one row, taken FOR UPDATE by every transaction that changes an application, so
      -- change sequences are handed out in commit order and a rolled-back transaction gives its number back.
      CREATE TABLE feed_counter (id integer PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL);
      INSERT INTO feed_counter (id, seq) VALUES (1, 0);`,
  },
  {
    version: 3,
    ddl: `
      CREATE TABLE workstations (
        id text PRIMARY KEY,
        center_id text NOT NULL REFERENCES centers (id),
        token_hash text NOT NULL UNIQUE,
        revoked integer NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
        enrolled_at bigint NOT NULL,
        rotated_at bigint,
        audit_head text,
        audit_head_at bigint
      );
      CREATE TABLE enrolment_codes (
        code_hash text PRIMARY KEY,
        center_id text NOT NULL REFERENCES centers (id),
        created_at bigint NOT NULL,
        expires_at bigint,
        used_at bigint,
        used_by text,
        reusable integer NOT NULL DEFAULT 0 CHECK (reusable IN (0, 1))
      );
      CREATE TABLE receipts (
        op_id text PRIMARY KEY,
        workstation_id text NOT NULL,
        center_id text NOT NULL,
        application_id text,
        digest text NOT NULL,
        result text NOT NULL CHECK (result::jsonb IS NOT NULL),
        recorded_at bigint NOT NULL
      );
      CREATE TABLE effects (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        op_id text,
        application_id text,
        center_id text NOT NULL,
        kind text NOT NULL,
        version integer,
        workstation_id text,
        at bigint NOT NULL
      );
      CREATE INDEX effects_by_op ON effects (op_id) WHERE op_id IS NOT NULL;
      CREATE INDEX effects_by_application ON effects (application_id) WHERE application_id IS NOT NULL;
      CREATE FUNCTION effects_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the effects log is append-only'; END $$;
      CREATE TRIGGER effects_no_update BEFORE UPDATE ON effects FOR EACH ROW EXECUTE FUNCTION effects_append_only();
      CREATE TRIGGER effects_no_delete BEFORE DELETE ON effects FOR EACH ROW EXECUTE FUNCTION effects_append_only();`,
  },
  {
    version: 4,
    ddl: `
      CREATE TABLE facts (
        op_id text PRIMARY KEY,
        application_id text NOT NULL REFERENCES applications (id),
        center_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('card_arrived', 'handed_over', 'shipped', 'printed')),
        args text NOT NULL CHECK (args::jsonb IS NOT NULL),
        status_seen text NOT NULL,
        status_after text NOT NULL,
        flag text,
        workstation_id text NOT NULL,
        operator_id text NOT NULL,
        recorded_at bigint NOT NULL
      );
      CREATE INDEX facts_by_application ON facts (application_id, recorded_at);
      CREATE INDEX facts_flagged ON facts (center_id, recorded_at) WHERE flag IS NOT NULL;`,
  },
  {
    version: 5,
    ddl: `
      CREATE TABLE fleet_reports (
        workstation_id text PRIMARY KEY,
        center_id text NOT NULL,
        app_version text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('stable', 'beta')),
        os text NOT NULL,
        free_disk_bytes bigint,
        outbox_size bigint NOT NULL,
        quarantined_ops bigint NOT NULL,
        clock_offset_ms bigint NOT NULL,
        reported_at bigint NOT NULL,
        last_success_at bigint NOT NULL,
        last_error_code text,
        last_error_at text
      );
      CREATE INDEX fleet_reports_by_center ON fleet_reports (center_id, workstation_id);`,
  },
  {
    version: 6,
    ddl: `
      CREATE TABLE decision_checks (
        op_id text NOT NULL,
        application_id text NOT NULL REFERENCES applications (id),
        check_code text NOT NULL CHECK (check_code IN ('photoSignatureSuitable', 'dataConsistent', 'deliveryDetailsComplete')),
        operator_id text NOT NULL,
        ticked_at text NOT NULL,
        recorded_at bigint NOT NULL,
        PRIMARY KEY (op_id, check_code)
      );
      CREATE INDEX decision_checks_by_application ON decision_checks (application_id);`,
  },
  {
    version: 7,
    ddl: `
      CREATE TABLE throttle_buckets (
        key text PRIMARY KEY,
        tokens double precision NOT NULL CHECK (tokens >= 0),
        updated_at bigint NOT NULL
      );`,
  },
  {
    version: 8,
    ddl: `
      CREATE TABLE releases (
        version text PRIMARY KEY,
        channel text NOT NULL CHECK (channel IN ('stable', 'beta')),
        notes text NOT NULL DEFAULT '',
        release_date text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE TABLE release_files (
        version text NOT NULL REFERENCES releases (version),
        name text NOT NULL,
        feed text NOT NULL CHECK (feed IN ('windows', 'linux', 'linux-arm64')),
        kind text NOT NULL CHECK (kind IN ('installer', 'blockmap')),
        size bigint NOT NULL CHECK (size >= 0),
        sha512 text NOT NULL,
        block_map_size bigint,
        uploaded_at bigint NOT NULL,
        PRIMARY KEY (version, name)
      );
      CREATE TABLE release_rollouts (
        version text NOT NULL REFERENCES releases (version),
        channel text NOT NULL CHECK (channel IN ('stable', 'beta')),
        percent integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
        halted integer NOT NULL DEFAULT 0 CHECK (halted IN (0, 1)),
        updated_at bigint NOT NULL,
        PRIMARY KEY (version, channel)
      );
      CREATE TABLE update_assignments (
        scope text NOT NULL CHECK (scope IN ('center', 'workstation')),
        target_id text NOT NULL,
        channel text CHECK (channel IN ('stable', 'beta')),
        pinned_version text REFERENCES releases (version),
        allow_downgrade integer NOT NULL DEFAULT 0 CHECK (allow_downgrade IN (0, 1)),
        updated_at bigint NOT NULL,
        PRIMARY KEY (scope, target_id)
      );`,
  },
  {
    version: 9,
    ddl: `
      CREATE TABLE report_facts (
        application_id text PRIMARY KEY,
        center_id text NOT NULL,
        service text NOT NULL CHECK (service IN ('exchange', 'renewal')),
        delivery text NOT NULL CHECK (delivery IN ('pickup', 'ukrposhta')),
        submitted_at bigint NOT NULL,
        submitted_day integer NOT NULL,
        received_at bigint,
        claimed_at bigint,
        decision text CHECK (decision IN ('approved', 'refused', 'cancelled')),
        decided_at bigint,
        decided_day integer,
        decided_by text,
        decision_claimed_at bigint,
        reason_code text,
        cancelled_day integer,
        due_at bigint NOT NULL,
        due_day integer NOT NULL,
        extended_days integer NOT NULL,
        late_days integer,
        arrived_at bigint,
        handed_day integer,
        shipped_day integer,
        out_at bigint,
        pickup_from_day integer,
        pickup_until_day integer,
        received_ms bigint, received_day integer,
        in_work_ms bigint, in_work_day integer,
        decision_ms bigint,
        arrival_ms bigint, arrival_day integer,
        out_ms bigint, out_day integer,
        CHECK ((decision IS NULL) = (decided_day IS NULL))
      );
      CREATE INDEX report_facts_due ON report_facts (center_id, due_day);
      CREATE INDEX report_facts_received_ms ON report_facts (received_ms, received_day, center_id) WHERE received_ms IS NOT NULL;
      CREATE INDEX report_facts_in_work_ms ON report_facts (in_work_ms, in_work_day, center_id) WHERE in_work_ms IS NOT NULL;
      CREATE INDEX report_facts_decision_ms ON report_facts (decision_ms, decided_day, center_id) WHERE decision_ms IS NOT NULL;
      CREATE INDEX report_facts_arrival_ms ON report_facts (arrival_ms, arrival_day, center_id) WHERE arrival_ms IS NOT NULL;
      CREATE INDEX report_facts_out_ms ON report_facts (out_ms, out_day, center_id) WHERE out_ms IS NOT NULL;
      CREATE INDEX report_facts_operator ON report_facts (center_id, decided_by, decision_ms, decided_day) WHERE decided_by IS NOT NULL;
      CREATE TABLE report_counts (
        center_id text NOT NULL,
        tier text NOT NULL CHECK (tier IN ('day', 'month')),
        metric text NOT NULL,
        day integer NOT NULL,
        service text NOT NULL,
        delivery text NOT NULL,
        key text NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (center_id, tier, metric, day, service, delivery, key)
      );`,
    // The facts of every application already stored, as SQLite's migration 009 back-fills them.
    data: async (tx) => void (await backfillReportFacts(tx)),
  },
  {
    version: 10,
    ddl: `
      ALTER TABLE operators ADD COLUMN must_change_password integer NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
      ALTER TABLE operators ADD COLUMN password_version integer NOT NULL DEFAULT 0 CHECK (password_version >= 0);
      ALTER TABLE operators ADD COLUMN password_set_at bigint;
      CREATE TABLE operator_events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        operator_id text NOT NULL REFERENCES operators (id),
        center_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('added', 'disabled', 'enabled', 'role_changed', 'password_reset', 'password_changed')),
        actor text NOT NULL,
        op_id text,
        details text NOT NULL DEFAULT '{}' CHECK (details::jsonb IS NOT NULL),
        at bigint NOT NULL
      );
      CREATE INDEX operator_events_by_operator ON operator_events (operator_id, seq);`,
  },
  {
    version: 11,
    // The feed's counter per center (pg-feed-counters.ts): a pull reads one center's feed with that center's cursor,
    // so positions need to be gapless and ordered within a center only, and the pushes of different centers stop
    // queueing on one row. Every known center starts at the global counter's position, so each cursor ever issued
    // stays valid (not above its center's head) and every new position is above it. \`feed_counter\` is kept, no
    // longer moved, as the floor a center first seen later starts from: a cursor issued for it before it had a
    // counter was at most that floor (the head such a pull read), never above. A position is unique within its
    // center now, not across centers: the feed's index says so instead of the column.
    ddl: `
      ALTER TABLE applications DROP CONSTRAINT applications_change_seq_key;
      DROP INDEX applications_feed;
      CREATE UNIQUE INDEX applications_feed ON applications (center_id, change_seq);
      CREATE TABLE feed_counters (center_id text PRIMARY KEY, seq bigint NOT NULL CHECK (seq >= 0));
      INSERT INTO feed_counters (center_id, seq)
        SELECT k.center_id, f.seq FROM (
          SELECT id AS center_id FROM centers UNION SELECT DISTINCT center_id FROM applications UNION SELECT center_id FROM workstations
        ) k, feed_counter f WHERE f.id = 1;`,
  },
];

export const PG_LATEST_VERSION = STEPS[STEPS.length - 1]!.version;

/**
 * Brings a PostgreSQL database to the latest schema. Two server processes starting at once on a fresh database
 * serialize on an advisory lock, so one migrates and the other finds it done.
 */
export async function migratePostgres<DB>(db: Kysely<DB>): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(727001)`.execute(tx);
    await sql`CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)`.execute(tx);
    const row = (await sql<{ version: number }>`SELECT coalesce(max(version), 0) AS version FROM schema_version`.execute(tx)).rows[0];
    const current = Number(row?.version ?? 0);
    if (current > PG_LATEST_VERSION) {
      throw Object.assign(new Error(`central database version ${current} is newer than this server (${PG_LATEST_VERSION})`), { code: 'DB_TOO_NEW' });
    }
    for (const step of STEPS) {
      if (step.version <= current) continue;
      await sql.raw(step.ddl).execute(tx);
      await step.data?.(tx as unknown as Kysely<CentralSchema>);
      await sql`INSERT INTO schema_version (version) VALUES (${step.version})`.execute(tx);
    }
    return PG_LATEST_VERSION;
  });
}
