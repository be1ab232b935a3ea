/** Reference §1: base URL, request headers, X-Request-Id. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { RequestError, UmapiClient, userCommand, userSteps } from "../../provider/umapi";
import { clientFor, collect, ORG, rejectionOf, tapFetch, useEmulator } from "./helpers";

const { emu, fresh } = useEmulator();
beforeEach(() => {
  fresh(ORG);
});

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_\d{13}$/;
const creds = { orgId: "12345@AdobeOrg", clientId: "id", clientSecret: "secret" };

describe("https is required, except on loopback addresses", () => {
  it("refuses a plain-http UMAPI URL and names it", () => {
    const make = () => new UmapiClient({ ...creds, umapiUrl: "http://example.com/v2/usermanagement" }, {});
    expect(make).toThrow(RequestError);
    expect(make).toThrowErrorMatchingInlineSnapshot(
      `[RequestError: UMAPI URL must use https (plain http is only allowed on loopback addresses): "http://example.com"]`,
    );
  });

  it("refuses a plain-http IMS URL, and a URL that does not parse", () => {
    expect(() => new UmapiClient({ ...creds, imsUrl: "http://ims.example.com/ims/token/v3" }, {})).toThrowErrorMatchingInlineSnapshot(
      `[RequestError: IMS URL must use https (plain http is only allowed on loopback addresses): "http://ims.example.com"]`,
    );
    expect(() => new UmapiClient({ ...creds, umapiUrl: "usermanagement.adobe.io" }, {})).toThrowErrorMatchingInlineSnapshot(
      `[RequestError: UMAPI URL is not a valid URL: "usermanagement.adobe.io"]`,
    );
  });

  it("accepts https anywhere and http on 127.0.0.1, localhost and [::1]", () => {
    for (const umapiUrl of ["https://usermanagement.adobe.io/v2/usermanagement", "http://127.0.0.1:1/v2", "http://localhost:1/v2", "http://[::1]:1/v2"]) {
      expect(new UmapiClient({ ...creds, umapiUrl, imsUrl: "https://ims-na1.adobelogin.com/ims/token/v3" }, {}).options.umapiUrl).toBe(umapiUrl);
    }
  });
});

describe("X-Request-Id: one per call, echoed back (§1.1)", () => {
  it("sends a fresh <uuid>_<epoch-ms> id on every call", async () => {
    const client = clientFor(emu());
    await client.getUser("alice@example.com");
    await client.getUser("bob@example.com");
    await collect(client.listGroups());
    await client.run(userCommand({ user: "alice@example.com" }, [userSteps.add(["Acrobat Pro Users"])]));
    const ids = emu().requests().filter((r) => r.endpointClass !== "ims").map((r) => r.requestId);
    expect(ids).toHaveLength(4);
    for (const id of ids) expect(id).toMatch(REQUEST_ID);
    expect(new Set(ids).size).toBe(4);
  });

  it("the server echoes it, and the client reports the echoed id with the outcome", async () => {
    const tap = tapFetch();
    const client = clientFor(emu(), { fetch: tap.fetch });
    const outcome = await client.run(userCommand({ user: "alice@example.com" }, [userSteps.add(["Acrobat Pro Users"])]));
    const action = tap.calls.find((c) => c.url.includes("/action/"))!;
    expect(action.responseHeaders.get("x-request-id")).toBe(action.requestHeaders.get("x-request-id"));
    expect(outcome.requestIds).toEqual([action.requestHeaders.get("x-request-id")]);
    expect(emu().requests().find((r) => r.endpointClass === "action")!.requestId).toBe(outcome.requestIds[0]);
  });

  it("a retried call keeps its id, so the server's log ties the attempts together", async () => {
    emu().setFaults({ status503: 1 });
    const client = clientFor(emu(), { onWait: () => emu().setFaults(null) });
    await client.getUser("alice@example.com");
    const attempts = emu().requests().filter((r) => r.endpointClass === "user");
    expect(attempts.map((r) => r.status)).toEqual([503, 200]);
    expect(attempts[0]!.requestId).toBe(attempts[1]!.requestId);
  });

  it("an error carries the request id of the failed call", async () => {
    const client = clientFor(emu(), { orgId: "FFFFFFFFFFFFFFFFFFFFFFFF@AdobeOrg" });
    const err = (await rejectionOf(client.getUser("alice@example.com"))) as RequestError;
    expect(err.requestId).toBe(emu().requests().find((r) => r.endpointClass === "user")!.requestId);
    expect(err.message).toContain(`(request id ${err.requestId})`);
  });
});

describe("request headers (§1.1)", () => {
  const { version } = JSON.parse(readFileSync(resolve(__dirname, "../../package.json"), "utf8")) as { version: string };

  it("User-Agent names the package and its version, after the application's own prefix", async () => {
    const tap = tapFetch();
    const client = clientFor(emu(), { fetch: tap.fetch, userAgent: "acme-sync/2.1" });
    await client.getUser("alice@example.com");
    expect(tap.calls).toHaveLength(2); // IMS, then UMAPI
    for (const call of tap.calls) {
      expect(call.requestHeaders.get("user-agent")).toBe(`acme-sync/2.1 pulumi-adobe-umapi/${version} Node.js/${process.versions.node}`);
    }
  });

  it("UMAPI calls carry the bearer token, the API key and Accept: application/json; actions send JSON", async () => {
    const tap = tapFetch();
    const client = clientFor(emu(), { fetch: tap.fetch });
    await client.run(userCommand({ user: "alice@example.com" }, [userSteps.add(["Acrobat Pro Users"])]));
    const [ims, action] = tap.calls;
    const token = (JSON.parse(ims!.responseText) as { access_token: string }).access_token;
    expect(Object.fromEntries(action!.requestHeaders)).toMatchObject({
      accept: "application/json",
      authorization: `Bearer ${token}`,
      "x-api-key": emu().clientId,
      "content-type": "application/json",
    });
  });

  it("the client secret travels in the IMS form body, never in a URL", async () => {
    const tap = tapFetch();
    await clientFor(emu(), { fetch: tap.fetch }).getUser("alice@example.com");
    expect(tap.calls[0]!.requestHeaders.get("content-type")).toBe("application/x-www-form-urlencoded");
    for (const call of tap.calls) expect(call.url).not.toContain(emu().clientSecret);
  });
});
