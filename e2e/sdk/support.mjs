// Shared by the SDK end-to-end scripts: mismatch reporting, environment, and API error expectations.
import { APIError } from 'cloudflare';

export class Mismatch extends Error {}

export function check(condition, message, details) {
  if (!condition) {
    throw new Mismatch(details === undefined ? message : `${message}: ${JSON.stringify(details)}`);
  }
}

export function env(name) {
  const value = process.env[name]?.trim();
  if (!value) {
    throw new Mismatch(`${name} must be set`);
  }
  return value;
}

// NOTE: these scripts must only ever talk to a Keyhold on this machine; refuse anything else.
export function loopbackBaseUrl() {
  const url = new URL(env('CLOUDFLARE_BASE_URL'));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  check(['127.0.0.1', 'localhost', '::1'].includes(host) || process.env.KEYHOLD_SDK_ALLOW_REMOTE === '1',
    'CLOUDFLARE_BASE_URL must point at a loopback address (set KEYHOLD_SDK_ALLOW_REMOTE=1 to override)', url.href);
  return url.href.replace(/\/$/, '');
}

export function describe(err) {
  return err instanceof APIError
    ? { type: err.constructor.name, status: err.status, errors: err.errors, message: err.message }
    : { type: err?.constructor?.name, message: String(err?.message ?? err) };
}

export async function expectApiError(promise, ErrorClass, code, what) {
  try {
    const value = await promise;
    throw new Mismatch(`${what}: expected ${ErrorClass.name} with code ${code}, got success ${JSON.stringify(value)}`);
  } catch (err) {
    if (err instanceof Mismatch) throw err;
    check(err instanceof ErrorClass, `${what}: expected ${ErrorClass.name}`, describe(err));
    check(err.errors?.[0]?.code === code, `${what}: expected errors[0].code ${code}`, describe(err));
    return err;
  }
}
