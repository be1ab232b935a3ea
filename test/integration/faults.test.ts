/**
 * Reference §6.3: what the client retries (502/503/504, resets, timeouts) and what it does when an
 * action's response is lost after UMAPI applied it. Faults are seeded, so every run sees the same ones.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { TransportError, userCommand, userSteps } from "../../provider/umapi";
import { clientFor, ORG, rejectionOf, scrub, userIn, useEmulator } from "./helpers";

const { emu, fresh } = useEmulator();
beforeEach(() => {
  fresh(ORG);
});

const EMAILS = ORG.users!.map((u) => u.email);
const create = (email: string, option?: "ignoreIfAlreadyExists") =>
  userCommand({ user: email }, [userSteps.createEnterpriseID({ email, firstname: "New", lastname: "User", country: "US" }, option)]);

/** Reads every seeded user one after the other (a deterministic request order for the fault PRNG). */
async function readAll(client: ReturnType<typeof clientFor>) {
  const found = [];
  for (let round = 0; round < 3; round++) for (const email of EMAILS) found.push(await client.getUser(email));
  return found;
}

describe("gateway errors 502/503/504 are retried with backoff until they succeed", () => {
  it("every call succeeds; each failed attempt is followed by a retry with the same request id", async () => {
    emu().setFaults({ status502: 0.1, status503: 0.1, status504: 0.1, seed: 3 });
    const found = await readAll(clientFor(emu()));
    expect(found.every((u) => u !== undefined)).toBe(true);
    const { faults } = emu().metrics();
    expect([faults.status502, faults.status503, faults.status504].every((n) => n > 0)).toBe(true);
    const log = emu().requests().filter((r) => r.endpointClass === "user");
    log.forEach((r, i) => {
      if (r.fault) expect(log[i + 1]!.requestId).toBe(r.requestId);
    });
  });
});

describe("connection resets are retried", () => {
  it("every call succeeds despite sockets closed before any answer", async () => {
    emu().setFaults({ connectionReset: 0.25, seed: 3 });
    const found = await readAll(clientFor(emu()));
    expect(found.every((u) => u !== undefined)).toBe(true);
    expect(emu().metrics().faults.connectionReset).toBeGreaterThan(0);
    expect(emu().requests().filter((r) => r.fault === "connectionReset").every((r) => r.status === 0)).toBe(true);
  });
});

describe("a lost action response: UMAPI applied the command, the client sends it again", () => {
  /** Loses the response of the first action request only: the client's retry gets a real answer. */
  function loseFirstResponse() {
    emu().setFaults({ responseLost: 1 });
    return { onWait: () => emu().setFaults(null) };
  }

  it("with ignoreIfAlreadyExists the retried create completes, and there is exactly one user", async () => {
    const outcome = await clientFor(emu(), loseFirstResponse()).run(create("jane@example.com", "ignoreIfAlreadyExists"));
    expect(outcome).toMatchObject({ completed: true, issues: [] });
    expect(emu().state().users.filter((u) => u.email === "jane@example.com")).toHaveLength(1);
    const actions = emu().requests().filter((r) => r.endpointClass === "action");
    expect(actions.map((r) => r.fault ?? "answered")).toEqual(["responseLost", "answered"]);
    expect(actions[0]!.requestId).toBe(actions[1]!.requestId);
  });

  it("without an option, the retry finds the user the first attempt created (why creates use ignoreIfAlreadyExists)", async () => {
    const outcome = await clientFor(emu(), loseFirstResponse()).execute(create("jane@example.com"));
    expect(outcome.issues.map((i) => i.code)).toEqual(["error.user.already_in_org"]);
    expect(emu().state().users.filter((u) => u.email === "jane@example.com")).toHaveLength(1);
  });

  it("an add applied twice is still one membership", async () => {
    const outcome = await clientFor(emu(), loseFirstResponse()).run(userCommand({ user: "bob@example.com" }, [userSteps.add(["Acrobat Pro Users"])]));
    expect(outcome.completed).toBe(true);
    expect(userIn(emu(), "bob@example.com")!.groups).toEqual(["Acrobat Pro Users", "Photoshop Users"]);
  });
});

describe("when every attempt fails, the client gives up with a TransportError naming the attempts", () => {
  it("after 4 attempts at a 502", async () => {
    emu().setFaults({ status502: 1 });
    const err = await rejectionOf(clientFor(emu()).getUser("alice@example.com"));
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ attempts: 4, status: 502 });
    expect(scrub(err.message, emu())).toMatchInlineSnapshot(
      `"UMAPI GET http://emulator/v2/usermanagement/organizations/{orgId}/users/alice@example.com failed after 4 attempt(s): HTTP 502"`,
    );
    expect(emu().metrics().requests.user).toBe(4);
  });

  it("after maxAttempts connection resets, an action is rejected and nothing is applied", async () => {
    emu().setFaults({ connectionReset: 1 });
    const err = await rejectionOf(clientFor(emu(), { maxAttempts: 2 }).execute(create("jane@example.com")));
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ attempts: 2 });
    expect(scrub(err.message, emu())).toMatch(/^UMAPI POST http:\/\/emulator\/v2\/usermanagement\/action\/\{orgId\} failed after 2 attempt\(s\): POST .* failed: /);
    expect(userIn(emu(), "jane@example.com")).toBeUndefined();
  });
});

describe("latency and timeouts", () => {
  it("slow answers are waited for", async () => {
    emu().setFaults({ latencyMs: 150 });
    const started = Date.now();
    expect(await clientFor(emu()).getUser("alice@example.com")).toMatchObject({ email: "alice@example.com" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it("an answer slower than timeoutMs is a timeout, retried, then a TransportError", async () => {
    emu().setFaults({ latencyMs: 300 });
    const err = await rejectionOf(clientFor(emu(), { timeoutMs: 50, maxAttempts: 2 }).getUser("alice@example.com"));
    expect(err).toBeInstanceOf(TransportError);
    expect(scrub(err.message, emu())).toMatchInlineSnapshot(
      `"UMAPI GET http://emulator/v2/usermanagement/organizations/{orgId}/users/alice@example.com failed after 2 attempt(s): GET http://emulator/v2/usermanagement/organizations/{orgId}/users/alice@example.com timed out after 50 ms"`,
    );
  });
});
