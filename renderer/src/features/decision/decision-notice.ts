/**
 * A sentence about the decision just taken, handed to the next application screen (approval opens the next
 * application, and the administrator should still hear that the approval went through).
 */
let pending: string | null = null;

export function leaveDecisionNotice(sentence: string): void {
  pending = sentence;
}

export function takeDecisionNotice(): string | null {
  const sentence = pending;
  pending = null;
  return sentence;
}
