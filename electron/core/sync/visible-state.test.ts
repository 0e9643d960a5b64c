import { describe, expect, it } from 'vitest';
import { deriveVisibleState, type TopOp } from './visible-state';

const op = (type: string, args: Record<string, unknown> = {}): TopOp => ({ type, operatorId: 'op-admin-1', clientTime: 1, args: JSON.stringify(args) });

describe('rebase rule: pulled record plus local ops not in it yet', () => {
  it('replays a local decision on top of the pulled status', () => {
    expect(deriveVisibleState({ status: 'received', claim: null }, [op('claim')])).toMatchObject({ status: 'in_review', claimedBy: 'op-admin-1' });
    expect(deriveVisibleState({ status: 'received', claim: null }, [op('claim'), op('approve')]).status).toBe('approved');
  });

  it('replays a fact through the fact rules on the status as pulled now, not the status it left when recorded', () => {
    // Handed over while still approved: recorded and flagged, no move. Production is pulled later: still not issued.
    const handedOver = op('handed_over', { statusSeen: 'approved', statusAfter: 'approved', flag: 'not_yet_produced' });
    expect(deriveVisibleState({ status: 'produced', claim: null }, [handedOver]).status).toBe('produced');
    // Card arrived while produced (moved to ready); a central cancellation pulled later wins.
    const arrived = op('card_arrived', { delivery: 'pickup', statusSeen: 'produced', statusAfter: 'ready_for_pickup', flag: null });
    expect(deriveVisibleState({ status: 'cancelled', claim: null }, [arrived]).status).toBe('cancelled');
    expect(deriveVisibleState({ status: 'produced', claim: null }, [arrived]).status).toBe('ready_for_pickup');
  });

  it('ignores a fact op whose args cannot be read', () => {
    const broken: TopOp = { type: 'card_arrived', operatorId: 'x', clientTime: 1, args: '{not json' };
    expect(deriveVisibleState({ status: 'produced', claim: null }, [broken]).status).toBe('produced');
  });
});
