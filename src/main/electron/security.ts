import type { App, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

/** True when a URL belongs to the app's own interface (the bundled files or the dev server). */
export type TrustedUrl = (url: string) => boolean;

export function trustedUrlChecker(rendererUrl: string): TrustedUrl {
  const expected = new URL(rendererUrl);
  return (url) => {
    try {
      const candidate = new URL(url);
      if (expected.protocol === 'file:') return candidate.protocol === 'file:' && candidate.pathname === expected.pathname;
      return candidate.origin === expected.origin;
    } catch {
      return false;
    }
  };
}

/** Denies every permission, adds the CSP header, and refuses navigation, new windows and webviews. */
export function lockDownSession(session: Session, applyCsp: boolean): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  if (applyCsp) {
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
  }
}

export function lockDownContents(contents: WebContents, isTrusted: TrustedUrl): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrusted(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrusted(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Applies the content rules to every web contents the app ever creates. */
export function lockDownApp(app: App, isTrusted: TrustedUrl): void {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, isTrusted));
}
