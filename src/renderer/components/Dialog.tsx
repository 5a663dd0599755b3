import { useEffect, useRef, type ReactNode } from 'react';

/** Open dialogs, innermost last: Esc closes only the top one, wherever the focus went. */
const open: HTMLDivElement[] = [];

/** A modal dialog: Esc or a click outside closes it; focus starts inside and returns afterwards. */
export function Dialog({
  title,
  onClose,
  children,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('[autofocus], input, textarea, select, button');
    first?.focus();
    const self = ref.current!;
    open.push(self);
    // focus can leave the dialog (a button that became disabled): Esc still closes it
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || open.at(-1) !== self || self.contains(document.activeElement)) return;
      e.stopPropagation();
      close.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      open.splice(open.indexOf(self), 1);
      previous?.focus?.();
    };
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className={`dialog${wide ? ' dialog--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 className="dialog__title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
