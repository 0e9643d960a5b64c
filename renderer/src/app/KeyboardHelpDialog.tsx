import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

type KeyName = 'arrowDown' | 'arrowUp' | 'home' | 'end' | 'pageUp' | 'pageDown' | 'enter' | 'escape' | 'slash' | 'question' | 'j' | 'k';

const SECTIONS: { title: string; rows: { keys: KeyName[][]; action: string }[] }[] = [
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
    ],
  },
  {
    title: 'help.applicationSection',
    rows: [
      { keys: [['escape']], action: 'help.back' },
      { keys: [['j'], ['k'], ['arrowDown'], ['arrowUp']], action: 'help.nextPrevious' },
    ],
  },
  {
    title: 'help.everywhereSection',
    rows: [
      { keys: [['question']], action: 'help.showHelp' },
      { keys: [['escape']], action: 'help.closeDialog' },
    ],
  },
];

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** The keyboard map, as a modal dialog: focus stays inside, Esc closes, focus returns to where it was. */
export function KeyboardHelpDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current!;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    closeRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      previous?.focus({ preventScroll: true });
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') {
      const items = [...dialogRef.current!.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
    // Other keys stay inside the dialog: the screens' shortcuts must not act behind it.
    e.stopPropagation();
  };

  return (
    <dialog
      ref={dialogRef}
      className="help-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="help-dialog-title"
      data-testid="help-dialog"
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === dialogRef.current) onClose();
      }}
    >
      <div className="help-dialog__head">
        <h2 id="help-dialog-title">{t('help.title')}</h2>
        <button ref={closeRef} type="button" className="button" onClick={onClose}>
          {t('help.close')}
        </button>
      </div>
      {SECTIONS.map((section) => (
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
    </dialog>
  );
}
