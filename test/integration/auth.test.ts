/** Reference §7 (IMS): OAuth Server-to-Server and the legacy JWT exchange, as the client uses them. */
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { AuthError, RequestError } from "../../provider/umapi";
import { clientFor, collect, rejectionOf, scrub, tapFetch, useEmulator } from "./helpers";

const { emu, fresh } = useEmulator();
beforeEach(() => {
  fresh();
});

/** A clock the test moves by hand; the emulator's own (real) clock keeps tokens valid meanwhile. */
function manualClock() {
  let t = Date.now();
  return { now: () => t, advanceMinutes: (m: number) => (t += m * 60_000) };
}

describe("OAuth S2S: one token, cached across calls (§7.1)", () => {
  it("fetches a token once and reuses it for every UMAPI call", async () => {
    const client = clientFor(emu());
    await client.getUser("owner@example.com");
    await collect(client.listGroups());
    await collect(client.listUsers());
    expect(emu().metrics().requests).toMatchObject({ ims: 1, user: 1, groups: 1, users: 1 });
    expect(client.requestCounts.ims).toBe(1);
  });

  it("concurrent first calls share one token request", async () => {
    const client = clientFor(emu());
    await Promise.all([client.getUser("owner@example.com"), client.getUser("owner@example.com"), collect(client.listGroups())]);
    expect(emu().metrics().requests.ims).toBe(1);
  });

  it("reads expires_in as seconds and refreshes a few minutes before expiry", async () => {
    const local = await startEmulator({ throttle: false, tokenLifetimeSeconds: 3600 });
    try {
      const clock = manualClock();
      const client = clientFor(local, { now: clock.now });
      await client.getUser("owner@example.com");
      clock.advanceMinutes(50);
      await client.getUser("owner@example.com");
      expect(local.metrics().requests.ims).toBe(1);
      clock.advanceMinutes(6); // 56 min: inside the refresh margin of a 60 min token
      await client.getUser("owner@example.com");
      expect(local.metrics().requests.ims).toBe(2);
    } finally {
      await local.close();
    }
  });
});

describe("a token UMAPI refuses (401) is refreshed once (§1.2)", () => {
  let local: RunningEmulator;
  beforeAll(async () => {
    // Tokens live 5 s / 10 = 500 ms at the emulator, while the client believes them good for ~5 s.
    local = await startEmulator({ throttle: false, tokenLifetimeSeconds: 5, timeScale: 10 });
  });
  afterAll(() => local.close());

  it("on 401 it fetches a new token and repeats the call, once", async () => {
    const client = clientFor(local);
    await client.getUser("owner@example.com");
    await new Promise((r) => setTimeout(r, 600));
    expect(await client.getUser("owner@example.com")).toMatchObject({ email: "owner@example.com" });
    expect(local.metrics().requests.ims).toBe(2);
    expect(local.requests().filter((r) => r.endpointClass === "user").map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it("a second 401 in a row is an AuthError, not a loop", async () => {
    // A proxy that answers every UMAPI call with 401: the client refreshes once, then gives up.
    const tap = tapFetch();
    const always401: typeof fetch = async (input, init) => {
      if (String(input).includes("/ims/")) return tap.fetch(input, init);
      return new Response(null, { status: 401 });
    };
    const client = clientFor(local, { fetch: always401 });
    const err = await rejectionOf(client.getUser("owner@example.com"));
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).status).toBe(401);
    expect(scrub(err.message, local)).toMatchInlineSnapshot(
      `"UMAPI refused the access token (after one refresh): HTTP 401 on GET http://emulator/v2/usermanagement/organizations/{orgId}/users/owner@example.com"`,
    );
    expect(tap.calls.filter((c) => c.url.includes("/ims/"))).toHaveLength(2);
  });
});

describe("refused credentials are AuthErrors that never contain the secret (§7.1, §1.2)", () => {
  it("a wrong client secret: IMS 401, and the message does not contain the secret", async () => {
    const secret = "wrong-secret-d41d8cd98f00b204";
    const client = clientFor(emu(), { clientSecret: secret });
    const err = await rejectionOf(client.getUser("owner@example.com"));
    expect(err).toBeInstanceOf(AuthError);
    expect(err).toMatchObject({ status: 401, endpointClass: "ims" });
    expect(err.message).not.toContain(secret);
    expect(String(err.stack)).not.toContain(secret);
    expect(scrub(err.message, emu())).toMatchInlineSnapshot(
      `"IMS refused the credentials (HTTP 401) at http://emulator/ims/token/v3: {"error":"invalid_client","error_description":"invalid client_id or client_secret"}"`,
    );
    expect(emu().metrics().requests.user).toBe(0);
  });

  it("a wrong client id is refused by IMS before any UMAPI call", async () => {
    const client = clientFor(emu(), { clientId: "not-our-client" });
    const err = await rejectionOf(collect(client.listUsers()));
    expect(err).toBeInstanceOf(AuthError);
    expect(err).toMatchObject({ status: 400, endpointClass: "ims" });
    expect(emu().metrics().requests.users).toBe(0);
  });

  it("an API key UMAPI does not accept is AuthError 403", async () => {
    // IMS accepts the client, but the gateway refuses the X-Api-Key (e.g. an integration without UMAPI).
    const wrongKey: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      if (headers.has("x-api-key")) headers.set("x-api-key", "key-without-umapi");
      return fetch(input, { ...init, headers });
    };
    const client = clientFor(emu(), { fetch: wrongKey });
    const err = await rejectionOf(client.getUser("owner@example.com"));
    expect(err).toBeInstanceOf(AuthError);
    expect(err).toMatchObject({ status: 403, endpointClass: "user" });
    expect(scrub(err.message, emu())).toMatchInlineSnapshot(
      `"UMAPI refused the API key (client id) or its permissions: HTTP 403 on GET http://emulator/v2/usermanagement/organizations/{orgId}/users/owner@example.com"`,
    );
  });

  it("a wrong org id is RequestError error.organization.invalid_id, on queries and actions", async () => {
    const client = clientFor(emu(), { orgId: "FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg" });
    const query = await rejectionOf(client.getUser("owner@example.com"));
    expect(query).toBeInstanceOf(RequestError);
    expect(query).toMatchObject({ status: 400, errorCode: "error.organization.invalid_id" });
    expect(scrub(query.message, emu())).toMatchInlineSnapshot(
      `"UMAPI answered HTTP 400 to GET http://emulator/v2/usermanagement/organizations/FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg/users/owner@example.com [error.organization.invalid_id]: Bad organization Id (request id {requestId})"`,
    );
    const action = await rejectionOf(client.execute({ user: "x@example.com", do: [{ removeFromOrg: {} }] }));
    expect(action).toBeInstanceOf(RequestError);
    expect(action).toMatchObject({ status: 400, errorCode: "error.organization.invalid_id" });
  });
});

describe("legacy Service Account JWT exchange (§7.2)", () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const technicalAccountId = "ABCDEF0123456789@techacct.adobe.com";
  let local: RunningEmulator;
  beforeAll(async () => {
    local = await startEmulator({ throttle: false, tokenLifetimeSeconds: 3600, credentials: { jwtPublicKeyPem: publicKeyPem } });
  });
  afterAll(() => local.close());

  it("signs a JWT, exchanges it at <IMS origin>/ims/exchange/jwt and calls UMAPI with the token", async () => {
    const tap = tapFetch();
    const client = clientFor(local, { jwt: { privateKeyPem, technicalAccountId }, fetch: tap.fetch });
    expect(await client.getUser("owner@example.com")).toMatchObject({ email: "owner@example.com" });
    const ims = tap.calls.filter((c) => c.url.includes("/ims/"));
    expect(ims.map((c) => scrub(c.url, local))).toEqual(["http://emulator/ims/exchange/jwt"]);
    expect(ims[0]!.status).toBe(200);
  });

  it("reads the exchange's expires_in as milliseconds", async () => {
    const clock = manualClock();
    const client = clientFor(local, { jwt: { privateKeyPem, technicalAccountId }, now: clock.now });
    local.resetMetrics();
    await client.getUser("owner@example.com");
    clock.advanceMinutes(50); // expires_in 3 600 000 (ms) = 1 h; read as seconds it would be 41 days
    await client.getUser("owner@example.com");
    expect(local.metrics().requests.ims).toBe(1);
    clock.advanceMinutes(6);
    await client.getUser("owner@example.com");
    expect(local.metrics().requests.ims).toBe(2);
  });

  it("a key the integration does not know is an AuthError that keeps the private key out of the message", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const client = clientFor(local, { jwt: { privateKeyPem: other, technicalAccountId } });
    const err = await rejectionOf(client.getUser("owner@example.com"));
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toMatch(/JWT validation failed/);
    expect(err.message).not.toContain("PRIVATE KEY");
  });
});
