// A real OpenID provider (the certified `oidc-provider` package) for the single sign-on tests.
//
// Started by tests/accounts/sso_provider.py with a JSON configuration in OIDC_TEST_CONFIG:
//   {"port": 5001, "client_id": "tracker", "client_secret": "...",
//    "redirect_uris": ["http://127.0.0.1:8000/oidc/callback/"],
//    "post_logout_redirect_uris": ["http://127.0.0.1:8000/sign-in/"],
//    "accounts": {"ann": {"email": "ann@example.org", "email_verified": true,
//                         "name": "Ann", "roles": ["Tracker.Officer"], "amr": ["pwd", "mfa"]}}}
// The sign-in page asks only for an account name (no password): tests drive it in Chromium.
//
// Test-only endpoints (the provider is bound to 127.0.0.1 and used only by tests):
//   POST /test/accounts/<name>  JSON claims: add the account or replace its claims
//   POST /test/mode             {"mode": ""|"wrong_audience"|"expired"|"unknown_key"}
//   POST /test/rotate           new signing key (the old one leaves the published JWKS)
// The three misbehaviours rewrite the ID token the token endpoint answers with, after the
// provider made it: the narrowest seam that lets a real provider send a bad token.
import http from 'node:http';
import crypto from 'node:crypto';

import * as jose from 'jose';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG || '{}');
const port = Number(config.port || 5001);
const issuer = `http://127.0.0.1:${port}`;
const accounts = { ...(config.accounts || {}) };
let mode = '';
let signingKey;
let provider;

async function newSigningKey() {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  return { ...jwk, kid: crypto.randomUUID(), alg: 'RS256', use: 'sig' };
}

async function findAccount(ctx, id) {
  if (!accounts[id]) return undefined;
  return {
    accountId: id,
    async claims() {
      const { amr, ...claims } = accounts[id];
      return { sub: id, ...claims };
    },
  };
}

async function loadExistingGrant(ctx) {
  // Consent is the council's business, not the person's: grant what the client asks.
  const grantId = ctx.oidc.result?.consent?.grantId
    || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
  if (grantId) {
    const grant = await ctx.oidc.provider.Grant.find(grantId);
    if (grant) return grant;
  }
  const grant = new ctx.oidc.provider.Grant({
    clientId: ctx.oidc.client.clientId,
    accountId: ctx.oidc.session.accountId,
  });
  grant.addOIDCScope('openid email profile');
  await grant.save();
  return grant;
}

async function tamper(idToken) {
  const claims = jose.decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  let key = signingKey;
  if (mode === 'wrong_audience') claims.aud = 'another-application';
  if (mode === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  if (mode === 'unknown_key') key = { ...(await newSigningKey()), kid: 'not-published' };
  const privateKey = await jose.importJWK(key, 'RS256');
  return new jose.SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .sign(privateKey);
}

function buildProvider() {
  const built = new Provider(issuer, {
    clients: [
      {
        client_id: config.client_id || 'tracker',
        client_secret: config.client_secret || 'tracker-test-secret',
        redirect_uris: config.redirect_uris || [],
        post_logout_redirect_uris: config.post_logout_redirect_uris || [],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['test-only-cookie-key'] },
    claims: {
      openid: ['sub', 'roles', 'groups', 'oid', 'amr', 'acr', 'auth_time'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    conformIdTokenClaims: false,
    findAccount,
    loadExistingGrant,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { IdToken: 3600, AccessToken: 3600, Session: 86400, Grant: 86400, Interaction: 3600 },
  });
  built.use(async (ctx, next) => {
    await next();
    if (mode && ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token) {
      ctx.body = { ...ctx.body, id_token: await tamper(ctx.body.id_token) };
    }
  });
  return built;
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function signInPage(res, uid, problem = '') {
  res.writeHead(problem ? 400 : 200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="en"><head><title>Test provider sign-in</title></head>
<body><main><h1>Test council sign-in</h1>${problem ? `<p role="alert">${escape(problem)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Account name</label> <input id="login" name="login" autocomplete="off">
<button type="submit">Continue</button></form></main></body></html>`);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString();
}

function answer(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET') return signInPage(res, details.uid);
  const login = new URLSearchParams(await readBody(req)).get('login') || '';
  if (!accounts[login]) return signInPage(res, details.uid, `No account called ${login}`);
  const amr = accounts[login].amr || ['pwd'];
  return provider.interactionFinished(
    req,
    res,
    { login: { accountId: login, amr } },
    { mergeWithLastSubmission: false },
  );
}

async function testControl(req, res) {
  const body = req.method === 'POST' ? JSON.parse((await readBody(req)) || '{}') : {};
  const path = new URL(req.url, issuer).pathname;
  if (path.startsWith('/test/accounts/')) {
    accounts[decodeURIComponent(path.slice('/test/accounts/'.length))] = body;
    return answer(res, 200, { accounts: Object.keys(accounts) });
  }
  if (path === '/test/mode') {
    mode = body.mode || '';
    return answer(res, 200, { mode });
  }
  if (path === '/test/rotate') {
    signingKey = await newSigningKey();
    provider = buildProvider();
    return answer(res, 200, { kid: signingKey.kid });
  }
  return answer(res, 404, { error: 'unknown test endpoint' });
}

signingKey = await newSigningKey();
provider = buildProvider();
const server = http.createServer((req, res) => {
  const handle = req.url.startsWith('/interaction/')
    ? interaction(req, res)
    : req.url.startsWith('/test/')
      ? testControl(req, res)
      : provider.callback()(req, res);
  Promise.resolve(handle).catch((error) => {
    console.error(error);
    if (!res.headersSent) answer(res, 500, { error: String(error) });
  });
});
server.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
