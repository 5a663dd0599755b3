import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Keeps a screen's failure on that screen: the frame, the navigation and the other screens keep working. */
export class ScreenErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('A screen failed to render:', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="empty" role="alert">
        <h2>This screen ran into a problem</h2>
        <p>{this.state.error.message}</p>
        <div className="empty__actions">
          <button className="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          <button className="button" onClick={() => location.reload()}>
            Reload Tideline
          </button>
        </div>
      </div>
    );
  }
}
