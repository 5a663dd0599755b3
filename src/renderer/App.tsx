import { useEffect } from 'react';
import { AppFrame } from './components/AppFrame';
import { ScreenErrorBoundary } from './components/ScreenErrorBoundary';
import { ArticlesScreen } from './features/articles/ArticlesScreen';
import { BoardScreen } from './features/board/BoardScreen';
import { DashboardScreen } from './features/dashboard/DashboardScreen';
import { Welcome } from './features/onboarding/Welcome';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { SourcesScreen } from './features/sources/SourcesScreen';
import { TicketsScreen } from './features/tickets/TicketsScreen';
import { useApp, type Route } from './stores/app';

const SCREENS: Record<Route, () => React.JSX.Element | null> = {
  sources: SourcesScreen,
  tickets: TicketsScreen,
  board: BoardScreen,
  articles: ArticlesScreen,
  dashboard: DashboardScreen,
  settings: SettingsScreen,
};

export function App() {
  const ready = useApp((s) => s.ready);
  const loadError = useApp((s) => s.loadError);
  const load = useApp((s) => s.load);
  const theme = useApp((s) => s.info?.preferences.theme ?? 'system');
  const hasWorkspace = useApp((s) => s.workspaces.some((w) => w.active && !w.problem));
  const route = useApp((s) => s.route);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  if (loadError) {
    return (
      <div className="fatal" role="alert">
        <h1>Tideline could not start</h1>
        <p>{loadError}</p>
        <button className="button button--primary" onClick={() => load()}>
          Try again
        </button>
      </div>
    );
  }
  if (!ready) return <div className="loading" aria-busy="true" />;
  if (!hasWorkspace) return <Welcome />;
  const Screen = SCREENS[route];
  return (
    <AppFrame>
      <ScreenErrorBoundary key={route}>
        <Screen />
      </ScreenErrorBoundary>
    </AppFrame>
  );
}
