import { MANUAL_CHECKS, type ManualChecks } from '../../../../shared/domain/decisions';

export interface RefusalDraft {
  reasonCode: string;
  explanation: string;
}

interface Draft {
  manualChecks: ManualChecks;
  refusal: RefusalDraft | null;
}

export const NO_MANUAL_CHECKS: ManualChecks = Object.fromEntries(MANUAL_CHECKS.map((c) => [c, false])) as ManualChecks;

/**
 * Unsaved decision work (ticked manual checks, a half-written refusal) per application, so it survives moving
 * between applications and a session that has to be signed into again. Drafts belong to one operator: they are
 * dropped on sign-out and when someone else signs in (DOMAIN.md: drafts are not shown to the next operator).
 */
class DecisionDrafts {
  private owner: string | null = null;
  private readonly drafts = new Map<string, Draft>();

  ownerId(): string | null {
    return this.owner;
  }

  /** The operator now signed in; another operator's drafts are dropped. */
  adoptOwner(operatorId: string): void {
    if (this.owner !== operatorId) this.drafts.clear();
    this.owner = operatorId;
  }

  clear(): void {
    this.drafts.clear();
    this.owner = null;
  }

  manualChecks(id: string): ManualChecks {
    return this.drafts.get(id)?.manualChecks ?? NO_MANUAL_CHECKS;
  }

  setManualChecks(id: string, manualChecks: ManualChecks): void {
    this.drafts.set(id, { refusal: null, ...this.drafts.get(id), manualChecks });
  }

  refusal(id: string): RefusalDraft | null {
    return this.drafts.get(id)?.refusal ?? null;
  }

  setRefusal(id: string, refusal: RefusalDraft | null): void {
    this.drafts.set(id, { manualChecks: NO_MANUAL_CHECKS, ...this.drafts.get(id), refusal });
  }

  /** Ticked checks or a refusal being written on any application: a decision is being made (no restart for an update now). */
  hasUnsavedWork(): boolean {
    for (const d of this.drafts.values()) {
      if (Object.values(d.manualChecks).some(Boolean)) return true;
      if (d.refusal && (d.refusal.reasonCode !== '' || d.refusal.explanation.trim() !== '')) return true;
    }
    return false;
  }

  /** A decision was recorded: nothing is left to keep. */
  forget(id: string): void {
    this.drafts.delete(id);
  }
}

export const decisionDrafts = new DecisionDrafts();
