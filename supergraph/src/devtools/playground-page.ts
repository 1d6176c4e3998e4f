import { ASSET_PREFIX } from './assets';
import { EXAMPLE_OPERATIONS } from './examples';

/** What the page needs to know about the gateway serving it. */
export interface PlaygroundSettings {
  /** Production: say so in the page (operations and introspection need back-office credentials). */
  production: boolean;
}

/** JSON inside a <script type="application/json"> block: nothing in it can close the block. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** The default header editor: the credentials a caller sets (empty values are not sent). */
export const DEFAULT_HEADERS = JSON.stringify({ api_key: '', authorization: '' }, null, 2);

/**
 * The playground page: GraphiQL from the gateway's own assets, a sign-in bar for back-office
 * users above it. The page holds no data; every operation goes to /graphql with the caller's
 * credentials, as any client's would.
 */
export function playgroundHtml(settings: PlaygroundSettings): string {
  const config = {
    production: settings.production,
    defaultHeaders: DEFAULT_HEADERS,
    tabs: EXAMPLE_OPERATIONS.map((e) => ({
      query: e.query,
      ...(e.variables ? { variables: JSON.stringify(e.variables, null, 2) } : {}),
    })),
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CRM platform · GraphQL playground</title>
<link rel="stylesheet" href="${ASSET_PREFIX}graphiql.css">
<link rel="stylesheet" href="${ASSET_PREFIX}playground.css">
</head>
<body>
<form id="signin" autocomplete="on">
  <strong>CRM platform</strong>
  <span class="hint">Back-office sign-in:</span>
  <input name="apiKey" placeholder="public key (crm_pk_…)" aria-label="public API key" size="22">
  <input name="email" type="email" placeholder="email" aria-label="email" autocomplete="username" size="22">
  <input name="password" type="password" placeholder="password" aria-label="password" autocomplete="current-password" size="14">
  <button type="submit" id="signin-button">Sign in</button>
  <button type="button" id="signout-button" hidden>Sign out</button>
  <span id="signin-status" role="status">${settings.production ? 'Production: every operation needs credentials.' : 'Not signed in: set api_key below, or sign in.'}</span>
  <a href="/docs" class="docs-link">REST API docs</a>
</form>
<div id="graphiql">Loading the playground…</div>
<script id="playground-config" type="application/json">${inlineJson(config)}</script>
<script src="${ASSET_PREFIX}react.js"></script>
<script src="${ASSET_PREFIX}react-dom.js"></script>
<script src="${ASSET_PREFIX}graphiql.js"></script>
<script src="${ASSET_PREFIX}playground.js"></script>
</body>
</html>
`;
}

export const PLAYGROUND_CSS = `html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
#signin { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 10px; border-bottom: 1px solid #ddd; font-size: 13px; }
#signin input { font: inherit; padding: 2px 6px; }
#signin .hint { color: #555; }
#signin-status { color: #333; }
#signin-status.error { color: #b00020; }
#signin .docs-link { margin-left: auto; }
#graphiql { flex: 1; min-height: 0; }
`;

/**
 * The page's script (served from this origin, so the page's CSP needs no inline script). The
 * sign-in bar calls authenticateUser with the public key and keeps the access token for the
 * browser tab (sessionStorage); the fetcher sends it as the bearer unless the header editor
 * sets its own authorization. Header editor entries with empty values are not sent.
 */
export const PLAYGROUND_JS = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var STORE = 'crm.playground.session';
  var statusEl = document.getElementById('signin-status');
  var form = document.getElementById('signin');
  var signOut = document.getElementById('signout-button');

  function session() {
    try { return JSON.parse(sessionStorage.getItem(STORE) || 'null'); } catch (e) { return null; }
  }
  function showSession(message, isError) {
    var s = session();
    statusEl.className = isError ? 'error' : '';
    if (message) statusEl.textContent = message;
    else if (s) statusEl.textContent = 'Signed in as ' + s.email + ' (bearer sent with every operation, expires ' + new Date(s.expiresAt * 1000).toLocaleTimeString() + ')';
    signOut.hidden = !s;
  }

  var base = GraphiQL.createFetcher({ url: '/graphql' });
  function fetcher(params, options) {
    var headers = {};
    var given = (options && options.headers) || {};
    Object.keys(given).forEach(function (k) {
      if (given[k] !== '' && given[k] !== null && given[k] !== undefined) headers[k] = given[k];
    });
    var s = session();
    var hasAuth = Object.keys(headers).some(function (k) { return k.toLowerCase() === 'authorization'; });
    if (s && !hasAuth) headers.authorization = 'Bearer ' + s.accessToken;
    return base(params, Object.assign({}, options, { headers: headers }));
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var data = new FormData(form);
    showSession('Signing in…');
    fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', api_key: String(data.get('apiKey') || '') },
      body: JSON.stringify({
        query: 'mutation PlaygroundSignIn($input: AuthenticateUserInput!) { authenticateUser(input: $input) { tokens { accessToken expiresAt } errors { code message } } }',
        variables: { input: { username: String(data.get('email') || ''), password: String(data.get('password') || '') } },
      }),
    })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        var payload = body && body.data && body.data.authenticateUser;
        if (payload && payload.tokens) {
          sessionStorage.setItem(STORE, JSON.stringify({ email: String(data.get('email')), accessToken: payload.tokens.accessToken, expiresAt: payload.tokens.expiresAt }));
          form.elements.password.value = '';
          showSession();
          // the schema (explorer, completion) as the signed-in user sees it
          var refetch = document.querySelector('[aria-label="Re-fetch GraphQL schema"]');
          if (refetch) refetch.click();
          return;
        }
        var errors = (payload && payload.errors) || (body && body.errors) || [];
        showSession('Sign-in failed: ' + (errors.map(function (e) { return e.message; }).join('; ') || 'no answer'), true);
      })
      .catch(function (err) { showSession('Sign-in failed: ' + err, true); });
  });
  signOut.addEventListener('click', function () {
    sessionStorage.removeItem(STORE);
    showSession('Signed out.');
  });
  showSession(session() ? undefined : statusEl.textContent);

  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultHeaders: config.defaultHeaders,
      defaultTabs: config.tabs,
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
})();
`;
