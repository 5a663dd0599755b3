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

/** Opens a web page in the lead's browser (a published article's link); never inside the app. */
export type OpenExternal = (url: string) => void;

export function lockDownContents(contents: WebContents, isTrusted: TrustedUrl, openExternal?: OpenExternal): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrusted(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrusted(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler((details) => {
    // a link the interface opens in a new tab (a help-center page) goes to the browser
    if (openExternal && details && /^https?:\/\//i.test(details.url)) openExternal(details.url);
    return { action: 'deny' };
  });
}

/** Applies the content rules to every web contents the app ever creates. */
export function lockDownApp(app: App, isTrusted: TrustedUrl, openExternal?: OpenExternal): void {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, isTrusted, openExternal));
}
