// The seeds' whole flow with the official Cloudflare TypeScript SDK against a running Keyhold: the platform creates a
// CSR, the customer's CA signs it (openssl, with a throwaway CA that Keyhold trusts), the platform uploads the
// certificate referencing custom_csr_id to custom certificates and custom hostnames, renews it by PATCH, and cleans
// up: certificate first, CSR last (the CSR cannot go while its key is in use).
//
//   CLOUDFLARE_BASE_URL=http://127.0.0.1:8080/client/v4 CLOUDFLARE_EMAIL=... CLOUDFLARE_API_KEY=... \
//   KEYHOLD_E2E_CA_DIR=/dir/with/ca.pem+ca.key node certificate-flow.mjs
//
// Prints one JSON summary line on stdout; any mismatch exits 1 with {"ok":false,...} and details on stderr.
// Used by src/test/java/dev/keyhold/e2e/SdkEndToEndTests.java.
import Cloudflare, { BadRequestError, ConflictError, NotFoundError } from 'cloudflare';
import { VERSION } from 'cloudflare/version';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, describe, env, expectApiError, loopbackBaseUrl, Mismatch } from './support.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PEM_BLOCK = /-----BEGIN [A-Z ]+-----/;

// The customer's CA: openssl signs the CSR, copying its SANs, exactly as the seeds' walkthrough does.
const WORK = mkdtempSync(join(tmpdir(), 'keyhold-cert-flow-'));
let serial = 0;

function sign(csrPem, days) {
  const ca = env('KEYHOLD_E2E_CA_DIR');
  const n = ++serial;
  writeFileSync(join(WORK, `req-${n}.pem`), csrPem);
  execFileSync('openssl', ['x509', '-req', '-in', join(WORK, `req-${n}.pem`), '-CA', join(ca, 'ca.pem'),
    '-CAkey', join(ca, 'ca.key'), '-set_serial', `0x${randomBytes(12).toString('hex')}`, '-days', String(days),
    '-sha256', '-copy_extensions', 'copy', '-out', join(WORK, `crt-${n}.pem`)], { stdio: ['ignore', 'ignore', 'pipe'] });
  return readFileSync(join(WORK, `crt-${n}.pem`), 'utf8');
}

// A key made outside Keyhold (the classic upload) and a certificate for it, signed by the same CA.
function outsideKeyAndCertificate(name) {
  const key = join(WORK, 'outside.key');
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  const csr = execFileSync('openssl', ['req', '-new', '-key', key, '-subj', `/CN=${name}`,
    '-addext', `subjectAltName=DNS:${name}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { privateKey: readFileSync(key, 'utf8'), certificate: sign(csr, 90) };
}

function csrRequest(commonName) {
  return {
    common_name: commonName,
    sans: [commonName],
    country: 'US',
    state: 'California',
    locality: 'San Francisco',
    organization: 'Keyhold SDK Test',
  };
}

function checkCertificate(cert, { zoneId, csrId, host }) {
  check(UUID.test(cert?.id ?? ''), 'custom certificate id must be a UUID, as Cloudflare\'s', cert);
  check(cert.zone_id === zoneId, 'zone_id must be the zone', cert);
  check(cert.custom_csr_id === csrId, `custom_csr_id must be ${csrId}`, cert);
  check(Array.isArray(cert.hosts) && cert.hosts.includes(host), `hosts must include ${host}`, cert);
  check(cert.status === 'active', 'a fresh certificate must be active', cert);
  check(cert.issuer === 'Throwaway', 'issuer must be the CA organization', cert);
  check(['SHA256WithRSA', 'ECDSAWithSHA256'].includes(cert.signature), 'signature must be the leaf signature', cert);
  check(cert.bundle_method === 'ubiquitous', 'bundle_method defaults to ubiquitous', cert);
  for (const f of ['expires_on', 'uploaded_on', 'modified_on']) {
    check(!Number.isNaN(Date.parse(cert[f])), `${f} must be a date-time`, cert);
  }
  check(!PEM_BLOCK.test(JSON.stringify(cert)), 'no PEM may come back in a custom certificate', cert);
}

async function customCertificateFlow(client, zoneId, zoneName) {
  const host = `www.${zoneName}`;
  const csr = await client.customCsrs.create({ zone_id: zoneId, ...csrRequest(host) });

  const signed = sign(csr.csr, 90);
  const cert = await client.customCertificates.create({ zone_id: zoneId, certificate: signed, custom_csr_id: csr.id });
  checkCertificate(cert, { zoneId, csrId: csr.id, host });

  await expectApiError(
    client.customCertificates.create({ zone_id: zoneId, certificate: signed, custom_csr_id: csr.id }),
    BadRequestError, 1220, 'the same certificate uploaded twice');
  await expectApiError(client.customCsrs.delete(csr.id, { zone_id: zoneId }), ConflictError, 1420,
    'deleting a CSR whose key backs a certificate');

  const listed = [];
  for await (const c of client.customCertificates.list({ zone_id: zoneId, per_page: 5 })) listed.push(c.id);
  check(listed.includes(cert.id), 'the list must show the certificate', listed);
  const fetched = await client.customCertificates.get(cert.id, { zone_id: zoneId });
  check(fetched.id === cert.id && fetched.custom_csr_id === csr.id, 'get must return the certificate', fetched);

  // Renewal: a new certificate for the same CSR replaces the old one in place (legacy_custom keeps its id).
  const renewed = await client.customCertificates.edit(cert.id, {
    zone_id: zoneId, certificate: sign(csr.csr, 120), custom_csr_id: csr.id,
  });
  checkCertificate(renewed, { zoneId, csrId: csr.id, host });
  check(renewed.id === cert.id, 'renewing a legacy_custom certificate keeps its id', renewed);
  check(Date.parse(renewed.expires_on) > Date.parse(cert.expires_on), 'the renewal must expire later',
    { before: cert.expires_on, after: renewed.expires_on });

  // A wrong certificate for the CSR: another key, refused with 2200.
  const other = await client.customCsrs.create({ zone_id: zoneId, ...csrRequest(`api.${zoneName}`) });
  await expectApiError(
    client.customCertificates.create({ zone_id: zoneId, certificate: sign(other.csr, 90), custom_csr_id: csr.id }),
    BadRequestError, 2200, 'a certificate for another key');
  await client.customCsrs.delete(other.id, { zone_id: zoneId });

  // The classic upload with a private key: accepted, and the key never comes back.
  const outside = outsideKeyAndCertificate(`legacy.${zoneName}`);
  const classic = await client.customCertificates.create({
    zone_id: zoneId, certificate: outside.certificate, private_key: outside.privateKey, type: 'sni_custom',
  });
  check(classic.custom_csr_id == null, 'a private-key upload has no custom_csr_id', classic);
  check(!PEM_BLOCK.test(JSON.stringify(classic)), 'no PEM may come back', classic);

  const gone = await client.customCertificates.delete(cert.id, { zone_id: zoneId });
  check(gone?.id === cert.id, 'delete must return {id}', gone);
  await client.customCertificates.delete(classic.id, { zone_id: zoneId });
  await expectApiError(client.customCertificates.get(cert.id, { zone_id: zoneId }), NotFoundError, 1002,
    'get after delete');
  const csrGone = await client.customCsrs.delete(csr.id, { zone_id: zoneId });
  check(csrGone?.id === csr.id, 'the CSR can be deleted once no certificate uses it', csrGone);
  return { certificate: cert.id, renewed: renewed.id === cert.id, classic: classic.id };
}

async function customHostnameFlow(client, accountId, zoneId, suffix) {
  const hostname = `shop.customer-${suffix}.dev`;
  const csr = await client.customCsrs.create({ account_id: accountId, ...csrRequest(hostname) });

  const created = await client.customHostnames.create({
    zone_id: zoneId, hostname, ssl: { custom_csr_id: csr.id, custom_certificate: sign(csr.csr, 90) },
  });
  check(UUID.test(created?.id ?? ''), 'custom hostname id must be a UUID, as Cloudflare\'s', created);
  check(created.hostname === hostname, 'hostname must be echoed', created);
  check(created.ssl?.custom_csr_id === csr.id, 'ssl.custom_csr_id must be the CSR', created);
  check(created.ssl?.status === 'active', 'ssl.status must be active', created);
  check(created.ssl?.hosts?.includes(hostname), 'ssl.hosts must include the hostname', created);
  check(created.ownership_verification?.name === `_cf-custom-hostname.${hostname}`,
    'ownership_verification.name', created);
  check(!PEM_BLOCK.test(JSON.stringify(created)), 'no PEM may come back in a custom hostname', created);

  const found = [];
  for await (const h of client.customHostnames.list({ zone_id: zoneId, hostname: { exact: hostname } })) {
    found.push(h.id);
  }
  check(found.length === 1 && found[0] === created.id, 'hostname.exact must find exactly the hostname', found);

  await expectApiError(client.customCsrs.delete(csr.id, { account_id: accountId }), ConflictError, 1420,
    'deleting an account CSR whose key backs a custom hostname');

  const renewed = await client.customHostnames.edit(created.id, {
    zone_id: zoneId, ssl: { custom_csr_id: csr.id, custom_certificate: sign(csr.csr, 120) },
  });
  check(renewed.id === created.id, 'PATCH keeps the custom hostname id', renewed);
  check(Date.parse(renewed.ssl?.expires_on) > Date.parse(created.ssl?.expires_on), 'the renewal must expire later',
    { before: created.ssl?.expires_on, after: renewed.ssl?.expires_on });

  const deleted = await client.customHostnames.delete(created.id, { zone_id: zoneId });
  check(deleted?.id === created.id, 'custom hostname delete must answer {"id"}', deleted);
  await expectApiError(client.customHostnames.get(created.id, { zone_id: zoneId }), NotFoundError, 1436,
    'get after delete');
  await client.customCsrs.delete(csr.id, { account_id: accountId });
  return { hostname: created.id, renewed: true };
}

async function main() {
  const suffix = randomBytes(4).toString('hex');
  const summary = { ok: false, sdk: VERSION };
  try {
    const client = new Cloudflare({
      baseURL: loopbackBaseUrl(),
      apiEmail: env('CLOUDFLARE_EMAIL'),
      apiKey: env('CLOUDFLARE_API_KEY'),
      apiToken: null,
      maxRetries: 0,
      timeout: 30_000,
    });
    let account;
    for await (const a of client.accounts.list()) {
      if (!account || a.name === 'Default account') account = a;
    }
    check(account, 'accounts.list() returned no account');
    const zoneName = `certs-${suffix}.keyhold.dev`;
    const zone = await client.zones.create({ account: { id: account.id }, name: zoneName });
    summary.zone_id = zone.id;
    summary.custom_certificates = await customCertificateFlow(client, zone.id, zoneName);
    summary.custom_hostnames = await customHostnameFlow(client, account.id, zone.id, suffix);
    summary.ok = true;
    console.log(JSON.stringify(summary));
  } catch (err) {
    summary.error = err instanceof Mismatch ? err.message : describe(err);
    console.error(err instanceof Mismatch ? `MISMATCH: ${err.message}` : err);
    console.log(JSON.stringify(summary));
    process.exitCode = 1;
  } finally {
    rmSync(WORK, { recursive: true, force: true });
  }
}

await main();
