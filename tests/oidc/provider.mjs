// A real OpenID Connect provider (npm `oidc-provider`) for the login browser test, on 127.0.0.1 only.
//
// Usage: node provider.mjs CONFIG.json
// CONFIG.json: {"client_id", "client_secret", "redirect_uri",
//               "accounts": [{"email", "name", "password"}, ...]}
// Listens on a free port, then prints one JSON line {"issuer": "http://127.0.0.1:PORT"}.
// Sign-in checks the password; PKCE is required; the ID token carries email and name, because
// Streamlit builds st.user from the ID token alone. Stops on SIGTERM or SIGINT.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import querystring from 'node:querystring';

import Provider, { interactionPolicy } from 'oidc-provider';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const accounts = new Map(config.accounts.map((account) => [account.email, account]));

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function samePassword(given, expected) {
  const digest = (text) => crypto.createHash('sha256').update(String(text)).digest();
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

function page(title, body) {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function loginForm(uid, message = '') {
  return page('Sign in to the test provider', `
${message ? `<p id="message">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
  <label>Email <input id="login" name="login" type="email" required></label>
  <label>Password <input id="password" name="password" type="password" required></label>
  <button id="sign-in" type="submit">Sign in</button>
</form>`);
}

// Streamlit's st.login() asks for prompt=select_account: accept it, and answer it with the
// same sign-in form as prompt=login.
const policy = interactionPolicy.base();
policy.add(new interactionPolicy.Prompt({ name: 'select_account', requestable: true }), 0);

async function findAccount(ctx, id) {
  const account = accounts.get(id);
  if (!account) return undefined;
  return {
    accountId: id,
    async claims() {
      return { sub: id, email: id, email_verified: true, name: account.name };
    },
  };
}

// the one client is first-party: grant the scopes it asks for without a consent screen
async function loadExistingGrant(ctx) {
  const grantId = ctx.oidc.result?.consent?.grantId
    || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
  if (grantId) return ctx.oidc.provider.Grant.find(grantId);
  const grant = new ctx.oidc.provider.Grant({
    clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId,
  });
  grant.addOIDCScope('openid email profile');
  await grant.save();
  return grant;
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > 10_000) reject(new Error('form too large'));
    });
    req.on('end', () => resolve(querystring.parse(body)));
    req.on('error', reject);
  });
}

async function interaction(provider, req, res) {
  const details = await provider.interactionDetails(req, res);
  const send = (status, html) => {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(html);
  };
  if (req.method === 'GET') {
    send(200, loginForm(details.uid));
    return;
  }
  const form = await readForm(req);
  const account = accounts.get(form.login);
  if (!account || !samePassword(form.password ?? '', account.password)) {
    send(401, loginForm(details.uid, 'Wrong email or password.'));
    return;
  }
  await provider.interactionFinished(req, res, {
    select_account: {}, login: { accountId: account.email },
  }, { mergeWithLastSubmission: false });
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [{
      client_id: config.client_id,
      client_secret: config.client_secret,
      redirect_uris: [config.redirect_uri],
      post_logout_redirect_uris: [config.redirect_uri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    findAccount,
    loadExistingGrant,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', kid: 'test' }] },
    pkce: { required: () => true },
    interactions: { policy, url: (ctx, found) => `/interaction/${found.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.body = page('Sign out of the test provider',
            `${form}<button id="sign-out" type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`);
        },
        async postLogoutSuccessSource(ctx) {
          ctx.body = page('Signed out', '<p>You are signed out.</p>');
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page('Error', `<pre>${escapeHtml(JSON.stringify(out))}</pre>`);
    },
    clientBasedCORS: () => false,
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url.startsWith('/interaction/')) {
      callback(req, res);
      return;
    }
    interaction(provider, req, res).catch((err) => {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`interaction failed: ${err.message}`);
    });
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
