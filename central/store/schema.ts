import type { Generated, Kysely } from 'kysely';

/** The central store's tables as kysely sees them (one migration file each under ./migrations). */
export interface CentralSchema {
  meta: { key: string; value: string };
  centers: { id: string; name: string; address: string };
  operators: {
    id: string;
    center_id: string;
    login: string;
    display_name: string;
    role: 'administrator' | 'supervisor';
    password_hash: string;
    disabled: number;
    source: 'central' | 'training';
    must_change_password: Generated<number>;
    password_version: Generated<number>;
    password_set_at: number | null;
  };
  /** IT's trail of operator changes (migration 010): ids and codes only. */
  operator_events: {
    seq: Generated<number>;
    operator_id: string;
    center_id: string;
    kind: OperatorEventKind;
    actor: string;
    op_id: string | null;
    details: string;
    at: number;
  };
  refusal_reasons: {
    code: string;
    title_uk: string;
    title_en: string;
    suggested_for_flag: string | null;
    active: number;
    sort_order: number;
  };
  non_working_days: { day: string };
  force_majeure_periods: {
    id: string;
    center_id: string;
    kind: 'air_alarm' | 'power_outage' | 'other';
    starts_at: string;
    ends_at: string;
    note: string;
    recorded_by: string | null;
    workstation_id: string | null;
    op_id: string | null;
    recorded_at: number;
  };
  applications: ApplicationsTable;
  claims: { application_id: string; operator_id: string; workstation_id: string; op_id: string | null; claimed_at: number };
  images: { hash: string; mime: string; data: Buffer };
  workstations: {
    id: string;
    center_id: string;
    token_hash: string;
    revoked: number;
    enrolled_at: number;
    rotated_at: number | null;
    audit_head: string | null;
    audit_head_at: number | null;
  };
  enrolment_codes: {
    code_hash: string;
    center_id: string;
    created_at: number;
    expires_at: number | null;
    used_at: number | null;
    used_by: string | null;
    reusable: number;
  };
  receipts: {
    op_id: string;
    workstation_id: string;
    center_id: string;
    application_id: string | null;
    digest: string;
    result: string;
    recorded_at: number;
  };
  facts: {
    op_id: string;
    application_id: string;
    center_id: string;
    kind: string;
    args: string;
    status_seen: string;
    status_after: string;
    flag: string | null;
    workstation_id: string;
    operator_id: string;
    recorded_at: number;
  };
  decision_checks: {
    op_id: string;
    application_id: string;
    check_code: string;
    operator_id: string;
    ticked_at: string;
    recorded_at: number;
  };
  releases: { version: string; channel: UpdateChannelName; notes: string; release_date: string; created_at: number };
  release_files: {
    version: string;
    name: string;
    feed: 'windows' | 'linux' | 'linux-arm64';
    kind: 'installer' | 'blockmap';
    size: number;
    sha512: string;
    block_map_size: number | null;
    uploaded_at: number;
  };
  release_rollouts: { version: string; channel: UpdateChannelName; percent: number; halted: number; updated_at: number };
  update_assignments: {
    scope: 'center' | 'workstation';
    target_id: string;
    channel: UpdateChannelName | null;
    pinned_version: string | null;
    allow_downgrade: number;
    updated_at: number;
  };
  fleet_reports: {
    workstation_id: string;
    center_id: string;
    app_version: string;
    channel: 'stable' | 'beta';
    os: string;
    free_disk_bytes: number | null;
    outbox_size: number;
    quarantined_ops: number;
    clock_offset_ms: number;
    reported_at: number;
    last_success_at: number;
    last_error_code: string | null;
    last_error_at: string | null;
  };
  /** Token buckets of the per-workstation push throttle, shared by every server process on the store. */
  throttle_buckets: { key: string; tokens: number; updated_at: number };
  /** One row per application: what its report figures are counted from (shared/reports/facts.ts); migration 009. */
  report_facts: ReportFactsTable;
  /** What the facts add to each figure per center, by day and by calendar month (services/reports/report-rows.ts). */
  report_counts: ReportCountsTable;
  effects: {
    seq: Generated<number>;
    op_id: string | null;
    application_id: string | null;
    center_id: string;
    kind: string;
    version: number | null;
    workstation_id: string | null;
    at: number;
  };
}

/** A connection or transaction over the central schema (the store's `StoreDb`, named here for modules the migrations use). */
export type SchemaDb = Kysely<CentralSchema>;

export type UpdateChannelName = 'stable' | 'beta';
export type OperatorEventKind = 'added' | 'disabled' | 'enabled' | 'role_changed' | 'password_reset' | 'password_changed';

/** The console's `report_facts` columns (workstation migration 006), the same on the central server. */
export interface ReportFactsTable {
  application_id: string;
  center_id: string;
  service: 'exchange' | 'renewal';
  delivery: 'pickup' | 'ukrposhta';
  submitted_at: number;
  submitted_day: number;
  received_at: number | null;
  claimed_at: number | null;
  decision: 'approved' | 'refused' | 'cancelled' | null;
  decided_at: number | null;
  decided_day: number | null;
  decided_by: string | null;
  decision_claimed_at: number | null;
  reason_code: string | null;
  cancelled_day: number | null;
  due_at: number;
  due_day: number;
  extended_days: number;
  late_days: number | null;
  arrived_at: number | null;
  handed_day: number | null;
  shipped_day: number | null;
  out_at: number | null;
  pickup_from_day: number | null;
  pickup_until_day: number | null;
  /** The five time-in-status stretches: length in ms and the day each ended, null when not measured. */
  received_ms: number | null;
  received_day: number | null;
  in_work_ms: number | null;
  in_work_day: number | null;
  decision_ms: number | null;
  arrival_ms: number | null;
  arrival_day: number | null;
  out_ms: number | null;
  out_day: number | null;
}

export interface ReportCountsTable {
  center_id: string;
  tier: 'day' | 'month';
  metric: string;
  /** The day (tier `day`) or the first day of the month (tier `month`), as a Kyiv day number. */
  day: number;
  service: string;
  delivery: string;
  key: string;
  n: number;
}

export interface ApplicationsTable {
  id: string;
  number: string;
  center_id: string;
  status: string;
  version: number;
  /** Position in the changes feed: every change takes the next value, so a cursor is "seen up to here". */
  change_seq: number;
  birth_date: string;
  photo_hash: string;
  signature_hash: string;
  source: 'intake' | 'training';
  /** Who made the latest change: a workstation id, or 'central' for intake, `received` and events. */
  last_actor: string;
  last_operator: string | null;
  last_op_id: string | null;
  /** Who approved or refused (named as the winner when a later decision conflicts). */
  decided_by: string | null;
  decided_operator: string | null;
  decided_op_id: string | null;
  /** The full ApplicationRecord as pull pages carry it (version and claim included), kept as JSON text. */
  record: string;
}
