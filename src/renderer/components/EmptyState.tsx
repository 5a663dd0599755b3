import type { ReactNode } from 'react';

interface EmptyStateProps {
  icon?: ReactNode;
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}

export function EmptyState({ icon, title, children, actions }: EmptyStateProps) {
  return (
    <section className="empty">
      {icon && <div className="empty__icon">{icon}</div>}
      <h2 className="empty__title">{title}</h2>
      <div className="empty__body">{children}</div>
      {actions && <div className="empty__actions">{actions}</div>}
    </section>
  );
}
