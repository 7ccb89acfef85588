// Drives a running Keyhold with the official Cloudflare TypeScript SDK, exactly as a Cloudflare user would.
//
//   CLOUDFLARE_BASE_URL=http://127.0.0.1:8080/client/v4 CLOUDFLARE_EMAIL=... CLOUDFLARE_API_KEY=... node sdk-flow.mjs
//
// Pass 1 signs in with the Global API Key (X-Auth-Email + X-Auth-Key), finds the account, creates a zone and runs the
// custom CSR flow at zone and account scope. It then creates an API token through the API, and pass 2 runs the same
// flow as a user configured with only CLOUDFLARE_API_TOKEN. Prints one JSON summary line on stdout; any mismatch
// exits 1 with {"ok":false,...} and the details on stderr. Used by src/test/java/dev/keyhold/e2e/SdkEndToEndTests.java.
import Cloudflare, { BadRequestError, NotFoundError } from 'cloudflare';
import { VERSION } from 'cloudflare/version';
import { randomBytes } from 'node:crypto';
import { check, describe, env, expectApiError, loopbackBaseUrl, Mismatch } from './support.mjs';

const SSL_AND_CERTIFICATES_WRITE = 'c03055bc037c4ea9afb9a9f104b7b721';
const ZONE_READ = 'c8fed203ed3043cba015a93ad1616f1f';
const HEX32 = /^[0-9a-f]{32}$/;
const PEM_CSR = /^-----BEGIN CERTIFICATE REQUEST-----\n[\s\S]+\n-----END CERTIFICATE REQUEST-----\n?$/;
const CSRS_PER_SCOPE = 7; // more than one page of per_page=5
const MAX_LISTED = 500; // a server that ignores `page` would make `for await` loop forever

// A client as the SDK builds it from the environment, with exactly the named variables visible.
function clientFromEnv(vars) {
  const names = ['CLOUDFLARE_EMAIL', 'CLOUDFLARE_API_KEY', 'CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_API_USER_SERVICE_KEY'];
  const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
  try {
    for (const n of names) delete process.env[n];
    Object.assign(process.env, vars);
    // maxRetries 0: a failure shows up once, with the server's own answer, instead of after two retries.
    return new Cloudflare({ maxRetries: 0, timeout: 30_000 });
  } finally {
    for (const n of names) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
  }
}

async function findAccount(client) {
  const seen = new Set();
  let account;
  for await (const a of client.accounts.list()) {
    check(!seen.has(a.id), 'accounts.list() returned an account twice (is `page` ignored?)', a.id);
    seen.add(a.id);
    check(seen.size <= MAX_LISTED, `accounts.list() did not stop after ${MAX_LISTED} accounts`);
    if (!account || a.name === 'Default account') account = a;
  }
  check(account, 'accounts.list() returned no account');
  check(HEX32.test(account.id), 'account id must be 32 hex digits', account.id);
  return account;
}

function csrRequest(label, i, extra = {}) {
  const cn = `${label}-${i}.${ZONE_NAME}`;
  return {
    common_name: cn,
    sans: [cn, `www.${cn}`],
    country: 'US',
    state: 'California',
    locality: 'San Francisco',
    organization: 'Keyhold SDK Test',
    organizational_unit: 'E2E',
    ...extra,
  };
}

function checkCsr(csr, request, keyType, scope, accountId) {
  check(typeof csr?.id === 'string' && csr.id.length > 0 && csr.id.length <= 36, 'CSR id must be 1-36 chars', csr);
  check(csr.key_type === keyType, `key_type must be ${keyType}`, csr);
  check(!Number.isNaN(Date.parse(csr.created_at)), 'created_at must be a date-time', csr.created_at);
  check(PEM_CSR.test(csr.csr ?? ''), 'csr must be a PEM CERTIFICATE REQUEST', csr.csr);
  check(csr.common_name === request.common_name, 'common_name must be echoed', csr);
  check(JSON.stringify(csr.sans) === JSON.stringify(request.sans), 'sans must be echoed in order', csr);
  for (const f of ['country', 'state', 'locality', 'organization', 'organizational_unit']) {
    check(csr[f] === request[f], `${f} must be echoed`, csr);
  }
  if (scope.account_id) {
    check(csr.account_tag === undefined || csr.account_tag === accountId, 'account_tag must be the account id', csr);
  }
}

async function csrFlow(client, label, scope, accountId, otherScopeIds) {
  const result = { created: 0, listed: 0, pages: 0 };
  const created = [];

  const rsaRequest = csrRequest(label, 0);
  const rsa = await client.customCsrs.create({ ...scope, ...rsaRequest });
  checkCsr(rsa, rsaRequest, 'rsa2048', scope, accountId);
  created.push(rsa.id);

  const ecRequest = csrRequest(label, 1, { key_type: 'p256v1' });
  const ec = await client.customCsrs.create({ ...scope, ...ecRequest });
  checkCsr(ec, ecRequest, 'p256v1', scope, accountId);
  check(ec.id !== rsa.id, 'two CSRs must have different ids', [rsa.id, ec.id]);
  created.push(ec.id);

  const fetched = await client.customCsrs.get(rsa.id, scope);
  check(fetched.id === rsa.id && fetched.csr === rsa.csr, 'get must return the created CSR', fetched);
  checkCsr(fetched, rsaRequest, 'rsa2048', scope, accountId);

  for (let i = created.length; i < CSRS_PER_SCOPE; i++) {
    const request = csrRequest(label, i, { key_type: 'p256v1' });
    created.push((await client.customCsrs.create({ ...scope, ...request })).id);
  }
  result.created = created.length;

  const firstPage = await client.customCsrs.list({ ...scope, per_page: 5 });
  check(firstPage.result.length === 5, 'per_page=5 must return 5 CSRs on page 1', firstPage.result.length);

  // NOTE: the SDK pages until a page comes back empty; it never reads result_info
  const counts = new Map();
  for await (const c of client.customCsrs.list({ ...scope, per_page: 5 })) {
    counts.set(c.id, (counts.get(c.id) ?? 0) + 1);
    check(counts.size <= MAX_LISTED, `list did not stop after ${MAX_LISTED} CSRs (is \`page\` ignored?)`);
  }
  for await (const page of firstPage.iterPages()) {
    result.pages++;
    check(result.pages <= MAX_LISTED, 'list pages did not end');
  }
  result.listed = counts.size;
  const duplicates = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  check(duplicates.length === 0, 'auto-pagination returned a CSR more than once', duplicates);
  const missing = created.filter((id) => !counts.has(id));
  check(missing.length === 0, 'auto-pagination missed CSRs', missing);
  const leaked = otherScopeIds.filter((id) => counts.has(id));
  check(leaked.length === 0, 'the list shows CSRs of the other scope', leaked);

  const deleted = await client.customCsrs.delete(rsa.id, scope);
  check(deleted?.id === rsa.id, 'delete must return {id}', deleted);
  await expectApiError(client.customCsrs.get(rsa.id, scope), NotFoundError, 1419, 'get after delete');

  await expectApiError(client.customCsrs.create({ ...scope, ...csrRequest(label, 99), sans: ['bad_name!'] }),
    BadRequestError, 1412, 'create with sans ["bad_name!"]');

  for (const id of created.slice(1)) {
    const gone = await client.customCsrs.delete(id, scope);
    check(gone?.id === id, 'delete must return {id}', gone);
  }
  return { result, ids: created };
}

async function bothScopes(client, label, accountId, zoneId) {
  const zone = await csrFlow(client, `${label}-zone`, { zone_id: zoneId }, accountId, []);
  const account = await csrFlow(client, `${label}-account`, { account_id: accountId }, accountId, zone.ids);
  return { zone: zone.result, account: account.result };
}

async function createToken(client, accountId, zoneId) {
  const groups = [];
  for await (const g of client.accounts.tokens.permissionGroups.list({ account_id: accountId })) groups.push(g);
  for (const id of [SSL_AND_CERTIFICATES_WRITE, ZONE_READ]) {
    check(groups.some((g) => g.id === id), `permission group ${id} must be listed`, groups.map((g) => g.id));
  }
  const accountSsl = groups.find((g) => /SSL and Certificates Write/.test(g.name ?? '')
    && (g.scopes ?? []).includes('com.cloudflare.api.account'));
  check(accountSsl, 'an account-scoped "SSL and Certificates Write" permission group must be listed (account CSRs)',
    groups.map((g) => ({ id: g.id, name: g.name, scopes: g.scopes })));
  const token = await client.accounts.tokens.create({
    account_id: accountId,
    name: `sdk-e2e-${SUFFIX}`,
    policies: [
      {
        effect: 'allow',
        permission_groups: [{ id: SSL_AND_CERTIFICATES_WRITE }, { id: ZONE_READ }],
        resources: { [`com.cloudflare.api.account.zone.${zoneId}`]: '*' },
      },
      {
        effect: 'allow',
        permission_groups: [{ id: accountSsl.id }],
        resources: { [`com.cloudflare.api.account.${accountId}`]: '*' },
      },
    ],
  });
  check(typeof token?.value === 'string' && token.value.length >= 20, 'token create must return its secret value',
    { ...token, value: token?.value ? '<redacted>' : token?.value });
  return token.value;
}

const SUFFIX = randomBytes(4).toString('hex');
const ZONE_NAME = `sdk-${SUFFIX}.keyhold.dev`;

async function main() {
  const summary = { ok: false, sdk: VERSION, base_url: null, zone_name: ZONE_NAME, passes: [] };
  try {
    summary.base_url = loopbackBaseUrl();
    const operator = clientFromEnv({
      CLOUDFLARE_BASE_URL: summary.base_url,
      CLOUDFLARE_EMAIL: env('CLOUDFLARE_EMAIL'),
      CLOUDFLARE_API_KEY: env('CLOUDFLARE_API_KEY'),
    });
    const account = await findAccount(operator);
    summary.account_id = account.id;

    const zone = await operator.zones.create({ account: { id: account.id }, name: ZONE_NAME });
    check(HEX32.test(zone.id ?? ''), 'zone id must be 32 hex digits', zone);
    check(zone.name === ZONE_NAME, 'zone name must be echoed', zone);
    check(zone.account?.id === account.id, 'zone.account.id must be the account', zone);
    check(typeof zone.status === 'string', 'zone must have a status', zone);
    summary.zone_id = zone.id;

    summary.passes.push({ auth: 'api_key', ...(await bothScopes(operator, 'key', account.id, zone.id)) });

    const secret = await createToken(operator, account.id, zone.id);
    const tokenClient = clientFromEnv({ CLOUDFLARE_BASE_URL: summary.base_url, CLOUDFLARE_API_TOKEN: secret });
    summary.passes.push({ auth: 'api_token', ...(await bothScopes(tokenClient, 'token', account.id, zone.id)) });

    summary.ok = true;
    console.log(JSON.stringify(summary));
  } catch (err) {
    summary.error = err instanceof Mismatch ? err.message : describe(err);
    console.error(err instanceof Mismatch ? `MISMATCH: ${err.message}` : err);
    console.log(JSON.stringify(summary));
    process.exitCode = 1;
  }
}

await main();
