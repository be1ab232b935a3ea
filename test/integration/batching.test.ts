/** Reference §4.3–§4.5: batching, splitting, partial results and testOnly over real action requests. */
import { beforeEach, describe, expect, it } from "vitest";
import type { OrgSeed } from "../../emulator";
import { groupCommand, groupSteps, userCommand, userSteps, type UserStep } from "../../provider/umapi";
import { actionBodies, clientFor, ORG, pathsOf, tapFetch, userIn, useEmulator } from "./helpers";

const { emu, fresh } = useEmulator();
beforeEach(() => {
  fresh(ORG);
});

const create = (email: string) =>
  userCommand({ user: email }, [userSteps.createEnterpriseID({ email, firstname: "New", lastname: "User", country: "US" })]);

describe("at most 10 commands per action request (§4.4)", () => {
  it("25 concurrent commands go out as 3 requests of 10, 10 and 5", async () => {
    const client = clientFor(emu());
    const outcomes = await Promise.all(Array.from({ length: 25 }, (_, i) => client.execute(create(`new${i}@example.com`))));
    expect(outcomes.every((o) => o.completed)).toBe(true);
    expect(actionBodies(emu()).map((b) => (b as unknown[]).length)).toEqual([10, 10, 5]);
    expect(emu().metrics()).toMatchObject({ requests: { action: 3 }, actionCommands: 25 });
    expect(emu().state().users.filter((u) => u.email.startsWith("new"))).toHaveLength(25);
    const users = actionBodies(emu()).map((b) => (b as { user: string }[]).map((c) => c.user));
    expect(users[2]).toEqual(["new20@example.com", "new21@example.com", "new22@example.com", "new23@example.com", "new24@example.com"]);
  });

  it("commands for the same user are merged into one command, in the order they were queued", async () => {
    const client = clientFor(emu());
    await Promise.all([
      client.execute(create("jane@example.com")),
      client.execute(groupCommand("Designers", [groupSteps.addProfiles(["Acrobat Pro Users"])])),
      client.execute(userCommand({ user: "JANE@example.com" }, [userSteps.add(["Designers"])])),
      client.execute(userCommand({ user: "jane@example.com" }, [userSteps.update({ firstname: "Janet" })])),
    ]);
    expect(actionBodies(emu())).toMatchInlineSnapshot(`
      [
        [
          {
            "do": [
              {
                "createEnterpriseID": {
                  "country": "US",
                  "email": "jane@example.com",
                  "firstname": "New",
                  "lastname": "User",
                },
              },
              {
                "add": {
                  "group": [
                    "Designers",
                  ],
                },
              },
              {
                "update": {
                  "firstname": "Janet",
                },
              },
            ],
            "user": "jane@example.com",
          },
          {
            "do": [
              {
                "add": {
                  "productConfiguration": [
                    "Acrobat Pro Users",
                  ],
                },
              },
            ],
            "usergroup": "Designers",
          },
        ],
      ]
    `);
    expect(userIn(emu(), "jane@example.com")).toMatchObject({ firstname: "Janet", groups: ["Designers"] });
  });

  it("commandsPerRequest: 1 sends one command per request", async () => {
    const client = clientFor(emu(), { commandsPerRequest: 1 });
    await Promise.all([client.execute(create("a1@example.com")), client.execute(create("a2@example.com")), client.execute(create("a3@example.com"))]);
    expect(actionBodies(emu()).map((b) => (b as unknown[]).length)).toEqual([1, 1, 1]);
  });
});

describe("splitting: more than 10 list entries or 10 steps (§4.4)", () => {
  const teams = Array.from({ length: 23 }, (_, i) => `Team ${String(i + 1).padStart(2, "0")}`);
  const manyGroups: OrgSeed = { ...ORG, userGroups: [...ORG.userGroups!, ...teams.map((name) => ({ name }))] };

  it("an add of 23 groups becomes three add steps of 10, 10 and 3 in one command", async () => {
    fresh(manyGroups);
    await clientFor(emu()).run(userCommand({ user: "bob@example.com" }, [userSteps.add(teams)]));
    const [body] = actionBodies(emu()) as { do: { add: { group: string[] } }[] }[][];
    expect(body!.map((c) => c.do.map((s) => s.add.group.length))).toEqual([[10, 10, 3]]);
    expect(userIn(emu(), "bob@example.com")!.groups).toHaveLength(24);
  });

  it("12 steps become two commands for the same user, sent one after the other", async () => {
    fresh(manyGroups);
    const steps: UserStep[] = teams.slice(0, 12).map((t) => userSteps.add([t]));
    const outcome = await clientFor(emu()).run(userCommand({ user: "bob@example.com" }, steps));
    expect(actionBodies(emu()).map((b) => (b as { do: unknown[] }[]).map((c) => c.do.length))).toEqual([[10], [2]]);
    expect(outcome.requestIds).toHaveLength(2);
    expect(userIn(emu(), "bob@example.com")!.groups).toHaveLength(13);
  });

  it("when a chunk fails, the later chunks are not sent, and the error names the caller's step", async () => {
    fresh(manyGroups);
    const steps: UserStep[] = teams.slice(0, 12).map((t) => userSteps.add([t]));
    steps[3] = userSteps.add(["No Such Team"]);
    const outcome = await clientFor(emu()).execute(userCommand({ user: "bob@example.com" }, steps));
    expect(outcome.completed).toBe(false);
    expect(outcome.issues).toMatchObject([{ code: "error.group.not_found", step: 3, target: "bob@example.com" }]);
    expect(actionBodies(emu())).toHaveLength(1);
    expect(userIn(emu(), "bob@example.com")!.groups).toEqual(["Photoshop Users", "Team 01", "Team 02", "Team 03"]);
  });

  it("an error inside a split list is reported at the caller's single step", async () => {
    fresh(manyGroups);
    const outcome = await clientFor(emu()).execute(userCommand({ user: "bob@example.com" }, [userSteps.add([...teams.slice(0, 15), "No Such Team"])]));
    expect(outcome.issues).toMatchObject([{ code: "error.group.not_found", step: 0 }]);
    expect(userIn(emu(), "bob@example.com")!.groups).toHaveLength(11); // the first chunk of 10 stays applied
  });
});

describe("a partial result fails only the commands concerned (§4.5)", () => {
  it("each caller gets its own command's outcome, with UMAPI's errorCode", async () => {
    const client = clientFor(emu());
    const [ok1, bad, ok2] = await Promise.all([
      client.execute(userCommand({ user: "alice@example.com" }, [userSteps.add(["Acrobat Pro Users"])])),
      client.execute(userCommand({ user: "bob@example.com" }, [userSteps.add(["Acrobat Pro Users"]), userSteps.add(["Nope"])])),
      client.execute(create("jane@example.com")),
    ]);
    expect(actionBodies(emu())).toHaveLength(1);
    expect(ok1).toMatchObject({ completed: true, issues: [] });
    expect(ok2).toMatchObject({ completed: true, issues: [] });
    expect(bad.completed).toBe(false);
    expect(bad.issues).toMatchInlineSnapshot(`
      [
        {
          "code": "error.group.not_found",
          "message": "Group Nope was not found",
          "requestID": undefined,
          "step": 1,
          "target": "bob@example.com",
        },
      ]
    `);
    expect(new Set([ok1, bad, ok2].map((o) => o.requestIds[0])).size).toBe(1);
    expect(userIn(emu(), "bob@example.com")!.groups).toEqual(["Acrobat Pro Users", "Photoshop Users"]); // step 0 stays applied
  });
});

describe("testOnly validates without changing anything (§4.3)", () => {
  it("reports completedInTestMode and changes nothing", async () => {
    const tap = tapFetch();
    const client = clientFor(emu(), { fetch: tap.fetch });
    const before = emu().state();
    const outcomes = await Promise.all([
      client.execute(create("jane@example.com"), { testOnly: true }),
      client.execute(userCommand({ user: "alice@example.com" }, [userSteps.removeFromOrg()]), { testOnly: true }),
    ]);
    expect(outcomes.map((o) => o.completed)).toEqual([true, true]);
    expect(emu().state()).toEqual(before);
    expect(pathsOf(emu(), "action")).toEqual(["/action/{orgId}?testOnly=true"]);
    const response = JSON.parse(tap.calls.find((c) => c.url.includes("/action/"))!.responseText) as Record<string, unknown>;
    expect(response).toEqual({ completed: 0, notCompleted: 0, completedInTestMode: 2, result: "success" });
  });

  it("still reports errors it can see, and treats users that do not exist as fine", async () => {
    const client = clientFor(emu());
    const [unclaimed, ghost] = await Promise.all([
      client.execute(create("jane@unclaimed.example"), { testOnly: true }),
      client.execute(userCommand({ user: "ghost@example.com" }, [userSteps.add(["Designers"])]), { testOnly: true }),
    ]);
    expect(unclaimed.issues.map((i) => i.code)).toEqual(["error.domain.trust.nonexistent"]);
    expect(ghost.completed).toBe(true);
  });

  it("test-mode and real commands never share a request", async () => {
    const client = clientFor(emu());
    await Promise.all([client.execute(create("jane@example.com"), { testOnly: true }), client.execute(create("john@example.com"))]);
    expect(pathsOf(emu(), "action").sort()).toEqual(["/action/{orgId}", "/action/{orgId}?testOnly=true"]);
    expect(userIn(emu(), "jane@example.com")).toBeUndefined();
    expect(userIn(emu(), "john@example.com")).toBeDefined();
  });
});
