/** Reference §7 (IMS) and §1.2 (401/403/400 on UMAPI requests). */
import { exportSPKI, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { connect, getToken, Umapi, useEmulator } from "./helpers";

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe("IMS client_credentials tokens (reference §7.1)", () => {
  const { api } = useEmulator();

  it("issues a bearer token starting with 'ey' with expires_in in seconds, on /ims/token/v3 and v2", async () => {
    const { emu } = api();
    for (const url of [emu.imsUrl, emu.imsUrl.replace("/v3", "/v2")]) {
      const res = await fetch(url, {
        method: "POST",
        body: form({ grant_type: "client_credentials", client_id: emu.clientId, client_secret: emu.clientSecret, scope: "openid,AdobeID,user_management_sdk" }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
      expect(body).toMatchObject({ token_type: "bearer", expires_in: 86399 });
      expect(body.access_token).toMatch(/^ey/);
    }
  });

  it("accepts the parameters in the query string", async () => {
    const { emu } = api();
    const qs = form({ grant_type: "client_credentials", client_id: emu.clientId, client_secret: emu.clientSecret });
    const res = await fetch(`${emu.imsUrl}?${qs}`, { method: "POST" });
    expect(res.status).toBe(200);
  });

  it("rejects a wrong secret with 401 invalid_client and never echoes the secret", async () => {
    const { emu } = api();
    const res = await fetch(emu.imsUrl, { method: "POST", body: form({ grant_type: "client_credentials", client_id: emu.clientId, client_secret: "s3cr3t-guess" }) });
    const text = await res.text();
    expect(res.status).toBe(401);
    expect(JSON.parse(text)).toEqual({ error: "invalid_client", error_description: "invalid client_id or client_secret" });
    expect(text).not.toContain("s3cr3t-guess");
  });

  it("rejects an unknown client id with 400 invalid_client and an unsupported grant with 400", async () => {
    const { emu } = api();
    const bad = await fetch(emu.imsUrl, { method: "POST", body: form({ grant_type: "client_credentials", client_id: "nope", client_secret: emu.clientSecret }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe("invalid_client");
    const grant = await fetch(emu.imsUrl, { method: "POST", body: form({ grant_type: "password", client_id: emu.clientId }) });
    expect(grant.status).toBe(400);
    expect(((await grant.json()) as { error: string }).error).toBe("unsupported_grant_type");
  });

  it("counts IMS requests and records them without the query string or body", async () => {
    const { emu } = api();
    emu.resetMetrics();
    const qs = form({ grant_type: "client_credentials", client_id: emu.clientId, client_secret: emu.clientSecret });
    await fetch(`${emu.imsUrl}?${qs}`, { method: "POST" });
    expect(emu.metrics().requests.ims).toBe(1);
    expect(emu.requests()).toEqual([expect.objectContaining({ path: "/ims/token/v3", endpointClass: "ims", status: 200 })]);
    expect(JSON.stringify(emu.requests())).not.toContain(emu.clientSecret);
  });
});

describe("UMAPI authentication (reference §1.2)", () => {
  const { api } = useEmulator();

  it("answers 401 with WWW-Authenticate and error.unauthorized without a valid bearer token", async () => {
    const { emu, token } = api();
    for (const authorization of [undefined, "Bearer eyNotARealToken", `Basic ${token}`]) {
      const headers: Record<string, string> = { "x-api-key": emu.clientId };
      if (authorization) headers.authorization = authorization;
      const res = await fetch(`${emu.umapiUrl}/groups/${emu.orgId}/0`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="JIL", error="invalid_token", error_description="The access token is invalid"');
      expect(await res.json()).toEqual({ result: "error.unauthorized", message: "Failed to authenticate provided token" });
    }
  });

  it("answers 403 403003 when X-Api-Key is missing or is not the client id", async () => {
    const { emu, token } = api();
    for (const key of [undefined, "someone-else"]) {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (key) headers["x-api-key"] = key;
      const res = await fetch(`${emu.umapiUrl}/groups/${emu.orgId}/0`, { headers });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error_code: "403003", message: "Api Key is invalid" });
    }
  });

  it("answers 400 error.organization.invalid_id for another org id", async () => {
    const res = await api().get("/groups/FFFF@AdobeOrg/0");
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ result: "error.organization.invalid_id", message: "Bad organization Id" });
  });

  it("treats header names case-insensitively and echoes X-Request-Id", async () => {
    const { emu, token } = api();
    const res = await fetch(`${emu.umapiUrl}/groups/${emu.orgId}/0`, {
      headers: { AUTHORIZATION: `Bearer ${token}`, "X-API-KEY": emu.clientId, "X-Request-Id": "req-42" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("req-42");
  });

  it("counts 401 and 403 responses as unauthorized and records no header or token", async () => {
    const { emu, token } = api();
    emu.resetMetrics();
    await fetch(`${emu.umapiUrl}/groups/${emu.orgId}/0`, { headers: { authorization: "Bearer nope", "x-api-key": emu.clientId } });
    await fetch(`${emu.umapiUrl}/groups/${emu.orgId}/0`, { headers: { authorization: `Bearer ${token}` } });
    expect(emu.metrics().unauthorized).toBe(2);
    expect(emu.requests().map((r) => r.status)).toEqual([401, 403]);
    expect(JSON.stringify(emu.requests())).not.toContain(token);
  });
});

describe("credentials", () => {
  it("defaults to fixed throwaway credentials and accepts overrides", async () => {
    const api = await connect({ credentials: { orgId: "ABCDEF@AdobeOrg", clientId: "my-client", clientSecret: "my-secret" } });
    try {
      expect(api.emu).toMatchObject({ orgId: "ABCDEF@AdobeOrg", clientId: "my-client", clientSecret: "my-secret" });
      expect((await api.user("owner@example.com")).status).toBe(200);
      expect((await api.get("/groups/0123456789ABCDEF01234567@AdobeOrg/0")).status).toBe(400);
    } finally {
      await api.emu.close();
    }
  });
});

describe("token lifetime", () => {
  it("expires tokens after tokenLifetimeSeconds (scaled by timeScale)", async () => {
    const api = await connect({ tokenLifetimeSeconds: 30, timeScale: 100 }); // 0.3 s of real time
    try {
      expect((await api.groups()).status).toBe(200);
      await new Promise((r) => setTimeout(r, 400));
      expect((await api.groups()).status).toBe(401);
      const fresh = new Umapi(api.emu, await getToken(api.emu));
      expect((await fresh.groups()).status).toBe(200);
    } finally {
      await api.emu.close();
    }
  });
});

describe("JWT exchange (reference §7.2)", () => {
  let emu: RunningEmulator;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
  const audience = (clientId: string) => `https://ims-na1.adobelogin.com/c/${clientId}`;

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256");
    privateKey = pair.privateKey;
    emu = await startEmulator({ throttle: false, credentials: { jwtPublicKeyPem: await exportSPKI(pair.publicKey) } });
  });
  afterAll(() => emu.close());

  const sign = (claims: Record<string, unknown>, iss: string) =>
    new SignJWT(claims).setProtectedHeader({ alg: "RS256" }).setIssuer(iss).setSubject("tech@techacct.adobe.com")
      .setAudience(audience(emu.clientId)).setExpirationTime("1h").sign(privateKey);

  const exchange = (jwt: string) =>
    fetch(`${emu.jwtExchangeUrl}/`, { method: "POST", body: form({ client_id: emu.clientId, client_secret: emu.clientSecret, jwt_token: jwt }) });

  it("exchanges a signed JWT for a token whose expires_in is in milliseconds", async () => {
    const res = await exchange(await sign({ "https://ims-na1.adobelogin.com/s/ent_user_sdk": true }, emu.orgId));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(86399 * 1000);
    const api = new Umapi(emu, body.access_token);
    expect((await api.groups()).status).toBe(200);
  });

  it("rejects a JWT from another org or without the ent_user_sdk metascope", async () => {
    const otherOrg = await exchange(await sign({ "https://ims-na1.adobelogin.com/s/ent_user_sdk": true }, "OTHER@AdobeOrg"));
    expect(otherOrg.status).toBe(400);
    const noScope = await exchange(await sign({}, emu.orgId));
    expect(noScope.status).toBe(400);
    expect(((await noScope.json()) as { error: string }).error).toBe("invalid_scope");
  });

  it("answers 400 with a clear message when no public key is configured", async () => {
    const api = await connect();
    try {
      const res = await fetch(api.emu.jwtExchangeUrl, { method: "POST", body: form({ client_id: api.emu.clientId, client_secret: api.emu.clientSecret, jwt_token: "x" }) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error_description: string }).error_description).toMatch(/jwtPublicKeyPem/);
    } finally {
      await api.emu.close();
    }
  });
});
