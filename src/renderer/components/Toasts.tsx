import { useApp } from '../stores/app';
import { icons } from './icons';

export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  const dismiss = useApp((s) => s.dismissToast);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast--${t.tone}`} role={t.tone === 'error' ? 'alert' : undefined}>
          <span>{t.message}</span>
          {t.action && (
            <button
              className="button button--small"
              onClick={() => {
                dismiss(t.id);
                t.action!.run();
              }}
            >
              {t.action.label}
            </button>
          )}
          <button className="icon-button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            {icons.close}
          </button>
        </div>
      ))}
    </div>
  );
}
