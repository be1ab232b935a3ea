/**
 * Responses UMAPI should never send, but a proxy or an outage might: the client must fail with a
 * clear ResponseFormatError (or RequestError) instead of corrupting state or looping. A fake fetch
 * plays IMS and UMAPI; everything else is the real client.
 */
import { describe, expect, it } from "vitest";
import { RequestError, ResponseFormatError, UmapiClient, userCommand, userSteps } from "../../provider/umapi";
import { collect, rejectionOf } from "./helpers";

const UMAPI = "https://umapi.test/v2/usermanagement";
const IMS = "https://ims.test/ims/token/v3";
const ORG_ID = "12345@AdobeOrg";

type Handler = (path: string, init?: RequestInit) => Response;

/** A client whose UMAPI answers come from `handler` (paths relative to the base URL, org id as {orgId}). */
function fakeUmapi(handler: Handler, token: () => Response = () => json({ access_token: "eyFAKE", expires_in: 86399 })) {
  const calls: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input);
    if (url.startsWith(IMS)) return token();
    const path = url.slice(UMAPI.length).replace(ORG_ID, "{orgId}");
    calls.push(path);
    return handler(path, init);
  };
  const client = new UmapiClient(
    { orgId: ORG_ID, clientId: "cid", clientSecret: "csecret", umapiUrl: UMAPI, imsUrl: IMS, rateLimits: false, timeScale: 1000, random: () => 0, fetch },
    {},
  );
  return { client, calls };
}

function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers: { "content-type": "application/json", "x-request-id": "req-1", ...init.headers } });
}

const text = (body: string, status = 200, type = "text/html") => new Response(body, { status, headers: { "content-type": type, "x-request-id": "req-1" } });
const user = (email: string) => ({ email, status: "active", type: "enterpriseID" });

describe("a body that is not JSON is a ResponseFormatError, not retried", () => {
  it("an HTML error page with status 200", async () => {
    const { client, calls } = fakeUmapi(() => text("<html><body><h1>Service temporarily unavailable</h1></body></html>"));
    const err = await rejectionOf(client.getUser("alice@example.com"));
    expect(err).toBeInstanceOf(ResponseFormatError);
    expect(err.message).toMatchInlineSnapshot(
      `"UMAPI answered HTTP 200 to GET https://umapi.test/v2/usermanagement/organizations/12345@AdobeOrg/users/alice@example.com with a body that is not JSON ("<html><body><h1>Service temporarily unavailable</h1></body></html>…"); nothing was recorded from it (request id req-1)"`,
    );
    expect(calls).toHaveLength(1);
  });

  it("truncated JSON, and an empty body", async () => {
    const truncated = fakeUmapi(() => text('{"lastPage":false,"result":"success","users":[{"email":"al', 200, "application/json"));
    expect((await rejectionOf(collect(truncated.client.listUsers()))).message).toContain("not JSON");
    const empty = fakeUmapi(() => text("", 200, "application/json"));
    expect(await rejectionOf(collect(empty.client.listGroups()))).toBeInstanceOf(ResponseFormatError);
  });

  it("an action answered with HTML rejects the command; it is not sent again", async () => {
    const { client, calls } = fakeUmapi(() => text("<html>Bad gateway</html>"));
    const err = await rejectionOf(client.execute(userCommand({ user: "a@example.com" }, [userSteps.add(["G"])])));
    expect(err).toBeInstanceOf(ResponseFormatError);
    expect(calls).toEqual(["/action/{orgId}"]);
  });
});

describe("JSON of the wrong shape is a ResponseFormatError naming the field", () => {
  it("users that is not an array", async () => {
    const { client } = fakeUmapi(() => json({ lastPage: true, result: "success", users: "alice@example.com" }));
    const err = await rejectionOf(collect(client.listUsers()));
    expect(err).toBeInstanceOf(ResponseFormatError);
    expect(err.message).toMatchInlineSnapshot(`"UMAPI answered GET https://umapi.test/v2/usermanagement/users/12345@AdobeOrg/0 with an unexpected shape at "users": Invalid input: expected array, received string (request id req-1)"`);
  });

  it("a nested field: a user's groups that is not a list", async () => {
    const { client } = fakeUmapi(() => json({ lastPage: true, result: "success", users: [user("a@example.com"), { ...user("b@example.com"), groups: "Designers" }] }));
    expect((await rejectionOf(collect(client.listUsers()))).message).toContain('at "users.1.groups"');
  });

  it("a group without groupName, and an action response with a non-numeric count", async () => {
    const groups = fakeUmapi(() => json({ lastPage: true, result: "success", groups: [{ type: "USER_GROUP" }] }));
    expect((await rejectionOf(collect(groups.client.listGroups()))).message).toContain('at "groups.0.groupName"');
    const action = fakeUmapi(() => json({ result: "success", completed: "all" }));
    const err = await rejectionOf(action.client.execute(userCommand({ user: "a@example.com" }, [userSteps.add(["G"])])));
    expect(err.message).toContain('at "completed"');
  });

  it("unknown extra fields are ignored (§1.2)", async () => {
    const { client } = fakeUmapi(() => json({ result: "success", user: { ...user("a@example.com"), tags: ["edu_staff"], orgSpecific: true }, extra: 1 }));
    expect(await client.getUser("a@example.com")).toMatchObject({ email: "a@example.com", tags: ["edu_staff"] });
  });
});

describe("paging without the optional headers still ends (§3.1)", () => {
  const pages = [[user("a@example.com"), user("b@example.com")], [user("c@example.com")]];

  it("follows lastPage alone when X-Page-Count and X-Current-Page are missing", async () => {
    const { client, calls } = fakeUmapi((path) => {
      const page = Number(/\/users\/\{orgId\}\/(\d+)/.exec(path)![1]);
      return json({ lastPage: page === 1, result: "success", users: pages[page] });
    });
    expect((await collect(client.listUsers())).map((u) => u.email)).toEqual(["a@example.com", "b@example.com", "c@example.com"]);
    expect(calls).toEqual(["/users/{orgId}/0?directOnly=true", "/users/{orgId}/1?directOnly=true"]);
  });

  it("without lastPage, stops when a page past the end echoes the last page's X-Current-Page", async () => {
    const { client, calls } = fakeUmapi((path) => {
      const page = Math.min(1, Number(/\/users\/\{orgId\}\/(\d+)/.exec(path)![1]));
      return json({ result: "success", users: pages[page] }, { headers: { "x-current-page": String(page) } });
    });
    // Page 2 is past the end: the echo of page 1 ends the listing without repeating its users.
    expect((await collect(client.listUsers())).map((u) => u.email)).toEqual(["a@example.com", "b@example.com", "c@example.com"]);
    expect(calls).toHaveLength(3);
  });

  it("without lastPage or headers, stops at the first empty page", async () => {
    const { client, calls } = fakeUmapi((path) => {
      const page = Number(/\/users\/\{orgId\}\/(\d+)/.exec(path)![1]);
      return json({ result: "success", users: pages[page] ?? [] });
    });
    expect(await collect(client.listUsers())).toHaveLength(3);
    expect(calls).toHaveLength(3);
  });
});

describe("other failures", () => {
  it("500 is a RequestError with UMAPI's code, not retried", async () => {
    const { client, calls } = fakeUmapi(() => json({ result: "error.internal.exceptionflys", message: "Internal error" }, { status: 500, headers: { "x-request-id": "req-500" } }));
    const err = await rejectionOf(client.getUser("alice@example.com"));
    expect(err).toBeInstanceOf(RequestError);
    expect(err).toMatchObject({ status: 500, errorCode: "error.internal.exceptionflys" });
    expect(err.message).toMatchInlineSnapshot(
      `"UMAPI answered HTTP 500 to GET https://umapi.test/v2/usermanagement/organizations/12345@AdobeOrg/users/alice@example.com [error.internal.exceptionflys]: Internal error (request id req-500)"`,
    );
    expect(calls).toHaveLength(1);
  });

  it("an IMS answer that is not JSON, or lacks access_token, is a ResponseFormatError", async () => {
    const html = fakeUmapi(() => json({}), () => text("<html>login</html>"));
    expect((await rejectionOf(html.client.getUser("a@example.com"))).message).toMatchInlineSnapshot(
      `"IMS answered with a body that is not JSON (HTTP 200) at https://ims.test/ims/token/v3"`,
    );
    const noToken = fakeUmapi(() => json({}), () => json({ token_type: "bearer", expires_in: 86399 }));
    expect(await rejectionOf(noToken.client.getUser("a@example.com"))).toBeInstanceOf(ResponseFormatError);
    expect(noToken.calls).toEqual([]);
  });
});
