import { useEffect, useRef, useState, type ReactNode } from 'react';
import { onConnectionChange, type ConnectionState } from '../api';
import { ROUTES, useApp, type Route } from '../stores/app';
import { DamageBanner } from './DamageBanner';
import { icons, Logo } from './icons';
import { JobsTray } from './JobsTray';
import { SearchPalette } from './SearchPalette';
import { Toasts } from './Toasts';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

const NAV: Record<Route, { label: string; icon: ReactNode }> = {
  sources: { label: 'Sources', icon: icons.sources },
  tickets: { label: 'Tickets', icon: icons.tickets },
  board: { label: 'Review board', icon: icons.board },
  articles: { label: 'Knowledge base', icon: icons.articles },
  dashboard: { label: 'Dashboard', icon: icons.dashboard },
  settings: { label: 'Settings', icon: icons.settings },
};

export const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';

/** The frame around every screen: navigation, workspace switcher, jobs and notices. */
export function AppFrame({ children }: { children: ReactNode }) {
  const route = useApp((s) => s.route);
  const navigate = useApp((s) => s.navigate);
  const [connection, setConnection] = useState<ConnectionState>('open');
  const [searching, setSearching] = useState(false);
  const content = useRef<HTMLElement>(null);
  // each screen opens at its top, not where the last one was scrolled to
  useEffect(() => {
    content.current?.scrollTo({ top: 0 });
  }, [route]);

  useEffect(() => onConnectionChange(setConnection), []);
  useEffect(() => {
    // Ctrl/⌘ + 1…6 jumps between screens
    const onKey = (e: KeyboardEvent) => {
      if (!(isMac ? e.metaKey : e.ctrlKey) || e.altKey || e.shiftKey) return;
      if (e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSearching(true);
        return;
      }
      const index = Number(e.key) - 1;
      const target = ROUTES[index];
      if (target) {
        e.preventDefault();
        navigate(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  return (
    <div className="frame">
      <nav className="sidebar" aria-label="Main">
        <div className="sidebar__brand">
          <Logo />
          <span>Tideline</span>
        </div>
        <WorkspaceSwitcher />
        <button className="search-button" onClick={() => setSearching(true)} aria-label="Search tickets">
          Search… <kbd>{MOD}+K</kbd>
        </button>
        <ul className="nav">
          {ROUTES.map((r, i) => (
            <li key={r}>
              <a
                href={`#/${r}`}
                className={`nav__link${route === r ? ' nav__link--active' : ''}`}
                aria-current={route === r ? 'page' : undefined}
                title={`${NAV[r].label} (${MOD}+${i + 1})`}
              >
                {NAV[r].icon}
                <span className="nav__label">{NAV[r].label}</span>
                {r === 'board' && <ToReviewCount />}
                <kbd className="nav__kbd">{`${MOD}+${i + 1}`}</kbd>
              </a>
            </li>
          ))}
        </ul>
        <div className="sidebar__foot">
          <PrivacyBadge />
        </div>
      </nav>
      <main className="content" ref={content}>
        {connection === 'lost' && (
          <div className="banner banner--warn" role="alert">
            Lost the connection to Tideline. Is <code>tideline serve</code> still running? Reconnecting…
          </div>
        )}
        <DamageBanner />
        {children}
      </main>
      {searching && <SearchPalette onClose={() => setSearching(false)} />}
      <JobsTray />
      <Toasts />
    </div>
  );
}

/** How many cards wait for the lead, beside the review board: new drafts show wherever the lead is. */
function ToReviewCount() {
  const count = useApp((s) => s.toReview);
  if (!count) return null;
  const label = `${count.toLocaleString()} card${count === 1 ? '' : 's'} to review`;
  return (
    <span className="nav__count" title={label} aria-label={label}>
      {count > 999 ? '999+' : count}
    </span>
  );
}

export function ScreenHeader({ title, subtitle, actions }: { title: string; subtitle?: string; actions?: ReactNode }) {
  return (
    <header className="screen-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="screen-header__subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="screen-header__actions">{actions}</div>}
    </header>
  );
}

/** Where data may go, at a glance: local-only, or which endpoints beyond this computer are allowed. Click for the settings. */
function PrivacyBadge() {
  const privacy = useApp((s) => s.privacy);
  const navigate = useApp((s) => s.navigate);
  const open = !privacy || privacy.localOnly;
  const allowed = privacy?.allowed.length ?? 0;
  const label = !privacy
    ? 'On this device'
    : privacy.localOnly
      ? allowed
        ? `Local only · ${allowed} allowed`
        : 'Local only'
      : 'Cloud model allowed';
  const title = !privacy
    ? 'Your tickets and drafts stay in a database on this computer.'
    : privacy.localOnly
      ? `Local-only mode: nothing leaves this computer but calls to your helpdesks and help centers${allowed ? ` and the ${allowed} endpoint${allowed === 1 ? '' : 's'} you allowed` : ''}. Click for the egress log.`
      : 'Local-only mode is off: the cloud model you configured may receive redacted ticket text. Click to change.';
  return (
    <button className={`badge ${open ? 'badge--local' : 'badge--warn'} privacy-badge`} title={title} onClick={() => navigate('settings')}>
      {icons.lock} {label}
    </button>
  );
}
