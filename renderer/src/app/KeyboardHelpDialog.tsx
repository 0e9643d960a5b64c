import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../shared/api/auth';
import { can } from '../../../shared/domain/operators';
import { ModalDialog } from '../components/ModalDialog';

type KeyName =
  | 'arrowDown' | 'arrowUp' | 'home' | 'end' | 'pageUp' | 'pageDown' | 'enter' | 'escape' | 'slash' | 'question'
  | 'j' | 'k' | 'c' | 'u' | 'a' | 'r' | 'f' | 'digit1' | 'digit2' | 'digit3'
  | 'space' | 'shiftClick' | 'ctrlClick' | 'p' | 'ctrlP' | 'i' | 'h' | 's' | 'n' | 'v' | 'y' | 'tab' | 'ctrlEnter' | 'typeText' | 'z';

interface Row {
  /** Alternatives, each a combination pressed together. */
  keys: KeyName[][];
  /** Or keys pressed one after another. */
  sequence?: KeyName[];
  action: string;
  supervisorOnly?: boolean;
}

/** The header's screens, each with its key (nav-items.ts holds the same keys). */
const SCREEN_ROWS: Row[] = [
  { keys: [['h']], action: 'help.arrivals' },
  { keys: [['s']], action: 'help.shipping' },
  { keys: [['n']], action: 'help.uncollected' },
  { keys: [['f']], action: 'help.forceMajeure', supervisorOnly: true },
  { keys: [['v']], action: 'help.review', supervisorOnly: true },
  { keys: [['y']], action: 'help.sync' },
  { keys: [['z']], action: 'help.reports', supervisorOnly: true },
];

const SECTIONS: { title: string; rows: Row[] }[] = [
  {
    // The shortest ways from a row selected in the queue to a decision (the claim is taken in the same action).
    title: 'help.fastPathSection',
    rows: [
      { keys: [], sequence: ['enter', 'a', 'enter'], action: 'help.fastApprove' },
      { keys: [], sequence: ['enter', 'r', 'arrowDown', 'tab', 'typeText', 'ctrlEnter'], action: 'help.fastRefuse' },
    ],
  },
  {
    title: 'help.queueSection',
    rows: [
      { keys: [['arrowDown'], ['j']], action: 'help.moveDown' },
      { keys: [['arrowUp'], ['k']], action: 'help.moveUp' },
      { keys: [['home'], ['end']], action: 'help.firstLast' },
      { keys: [['pageUp'], ['pageDown']], action: 'help.page' },
      { keys: [['enter']], action: 'help.open' },
      { keys: [['slash']], action: 'help.search' },
      { keys: [['escape']], action: 'help.searchEscape' },
      { keys: [['space'], ['ctrlClick']], action: 'help.pick' },
      { keys: [['shiftClick']], action: 'help.pickRange' },
      { keys: [['p']], action: 'help.printSelection' },
      { keys: [['escape']], action: 'help.clearSelection' },
    ],
  },
  {
    title: 'help.applicationSection',
    rows: [
      { keys: [['escape']], action: 'help.back' },
      { keys: [['j'], ['k'], ['arrowDown'], ['arrowUp']], action: 'help.nextPrevious' },
      { keys: [['c']], action: 'help.claim' },
      { keys: [['u']], action: 'help.release' },
      { keys: [['digit1'], ['digit2'], ['digit3']], action: 'help.manualChecks' },
      { keys: [['a']], action: 'help.approve' },
      { keys: [['r']], action: 'help.refuse' },
      { keys: [['ctrlEnter']], action: 'help.sendRefusal' },
      { keys: [['p']], action: 'help.printDocument' },
      { keys: [['i']], action: 'help.identityCheck' },
    ],
  },
  {
    title: 'help.printSection',
    rows: [
      { keys: [['p'], ['ctrlP']], action: 'help.print' },
      { keys: [['escape']], action: 'help.leavePreview' },
    ],
  },
  {
    title: 'help.scanSection',
    rows: [
      { keys: [['enter']], action: 'help.scanEnter' },
      { keys: [['escape']], action: 'help.back' },
    ],
  },
  {
    title: 'help.forceMajeureSection',
    rows: [{ keys: [['escape']], action: 'help.back', supervisorOnly: true }],
  },
  {
    title: 'help.everywhereSection',
    rows: [
      ...SCREEN_ROWS,
      { keys: [['question']], action: 'help.showHelp' },
      { keys: [['escape']], action: 'help.closeDialog' },
    ],
  },
];

/** The keyboard map, as a modal dialog: focus stays inside, Esc closes, focus returns to where it was. */
export function KeyboardHelpDialog({ operator, onClose }: { operator: Operator | null; onClose: () => void }) {
  const { t } = useTranslation();
  const closeRef = useRef<HTMLButtonElement>(null);
  const supervisor = operator !== null && can(operator.role, 'forceMajeure.record');
  const sections = SECTIONS.map((s) => ({ ...s, rows: s.rows.filter((r) => !r.supervisorOnly || supervisor) })).filter((s) => s.rows.length > 0);

  return (
    <ModalDialog labelledBy="help-dialog-title" onClose={onClose} initialFocus={closeRef} closeOnBackdrop className="help-dialog" testId="help-dialog">
      <div className="help-dialog__head">
        <h2 id="help-dialog-title">{t('help.title')}</h2>
        <button ref={closeRef} type="button" className="button" onClick={onClose}>
          {t('help.close')}
        </button>
      </div>
      <p className="muted help-dialog__note">{t('help.typingNote')}</p>
      {sections.map((section) => (
        <table key={section.title} className="help-table">
          <caption>{t(section.title)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('help.keyColumn')}</th>
              <th scope="col">{t('help.actionColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {section.rows.map((row) => (
              <tr key={row.action}>
                <td>
                  {row.sequence && (
                    <span className="help-table__keys help-table__keys--sequence" data-testid="help-sequence">
                      {row.sequence.map((k, i) => (
                        <span key={i}>
                          {i > 0 && <span aria-hidden="true"> → </span>}
                          {k === 'typeText' ? <span className="help-table__text">{t('help.keys.typeText')}</span> : <kbd>{t(`help.keys.${k}`)}</kbd>}
                        </span>
                      ))}
                    </span>
                  )}
                  {row.keys.map((combo, i) => (
                    <span key={i} className="help-table__keys">
                      {i > 0 && ' · '}
                      {combo.map((k) => (
                        <kbd key={k}>{t(`help.keys.${k}`)}</kbd>
                      ))}
                    </span>
                  ))}
                </td>
                <td>{t(row.action)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </ModalDialog>
  );
}
