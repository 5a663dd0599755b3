import type { ReactNode } from 'react';
import { ScreenHeader } from '../components/AppFrame';
import { EmptyState } from '../components/EmptyState';

/** The honest state of a screen whose capability this version does not have yet. */
export function NotReady({ title, subtitle, icon, heading, children }: { title: string; subtitle: string; icon: ReactNode; heading: string; children: ReactNode }) {
  return (
    <>
      <ScreenHeader title={title} subtitle={subtitle} />
      <EmptyState icon={icon} title={heading}>
        {children}
        <p className="muted">Not set up yet in this version of Tideline.</p>
      </EmptyState>
    </>
  );
}
