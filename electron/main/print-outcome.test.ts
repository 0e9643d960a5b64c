import { describe, expect, it } from 'vitest';
import { printJobOutcome, printTarget } from './print-outcome';

describe('Electron print answers', () => {
  it('records a print only when Electron reports the job sent', () => {
    expect(printJobOutcome(true, '')).toBe('job_sent');
    expect(printJobOutcome(false, 'cancelled')).toBe('cancelled');
    expect(printJobOutcome(false, 'Print job failed')).toBe('cancelled');
  });

  it('treats anything but "pdf" from the renderer as a printer request', () => {
    expect(printTarget('pdf')).toBe('pdf');
    for (const raw of ['printer', undefined, null, 42, { target: 'pdf' }, 'PDF']) expect(printTarget(raw)).toBe('printer');
  });
});
