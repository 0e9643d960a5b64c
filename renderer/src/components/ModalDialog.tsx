import { useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { openModalLayer } from '../app/modal-layer';

const FOCUSABLE =
  'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

interface Props {
  /** Id of the heading that names the dialog. */
  labelledBy: string;
  describedBy?: string;
  /** Called on Esc, on a click on the backdrop, and by the dialog's own buttons; omit for a dialog Esc cannot close. */
  onClose?: () => void;
  /** What takes focus when the dialog opens (else its first focusable element). */
  initialFocus?: RefObject<HTMLElement | null>;
  /** A click on the backdrop closes it too (only for dialogs with nothing to lose). */
  closeOnBackdrop?: boolean;
  className?: string;
  testId?: string;
  children: ReactNode;
}

/**
 * A modal dialog: `<dialog>` opened with showModal (so the page behind is inert), role="dialog" and aria-modal,
 * Tab wraps inside, Esc closes, and focus returns to what had it before (the button that opened it).
 * Keys pressed inside never reach the screens' shortcuts.
 */
export function ModalDialog({ labelledBy, describedBy, onClose, initialFocus, closeOnBackdrop = false, className, testId, children }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = dialogRef.current!;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const closeLayer = openModalLayer();
    if (!dialog.open) dialog.showModal();
    const first = initialFocus?.current ?? dialog.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    // A dialog that cannot be dismissed (the lock screen) is shown again if the browser closes it anyway.
    const onNativeClose = () => {
      if (!onCloseRef.current && dialog.isConnected) dialog.showModal();
    };
    dialog.addEventListener('close', onNativeClose);
    return () => {
      dialog.removeEventListener('close', onNativeClose);
      if (dialog.open) dialog.close();
      closeLayer();
      if (previous?.isConnected) previous.focus({ preventScroll: true });
    };
    // Opened once per mount; the initial focus is read when it opens.
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCloseRef.current?.();
      return;
    }
    if (e.key === 'Tab') {
      const items = [...dialogRef.current!.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
      const first = items[0];
      const last = items[items.length - 1];
      if (first && last) {
        if (e.shiftKey && (document.activeElement === first || !dialogRef.current!.contains(document.activeElement))) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && (document.activeElement === last || !dialogRef.current!.contains(document.activeElement))) {
          e.preventDefault();
          first.focus();
        }
      }
    }
    // Other keys stay inside the dialog: the screens' shortcuts must not act behind it.
    e.stopPropagation();
  };

  return (
    <dialog
      ref={dialogRef}
      className={className ? `modal ${className}` : 'modal'}
      role="dialog"
      aria-modal="true"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      data-testid={testId}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        onCloseRef.current?.();
      }}
      onClick={(e) => {
        if (closeOnBackdrop && e.target === dialogRef.current) onCloseRef.current?.();
      }}
    >
      {children}
    </dialog>
  );
}
