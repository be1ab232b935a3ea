/** Reference §4.1 (request grammar), §4.3 (testOnly), §4.4 (limits), §4.5 (response). */
import { beforeEach, describe, expect, it } from "vitest";
import { connect, enterprise, groupsOf, seedWith, useEmulator } from "./helpers";

const seed = seedWith({ userGroups: [{ name: "Designers" }], users: [enterprise("alice@example.com")] });
const { api, fresh } = useEmulator();
beforeEach(() => {
  fresh(seed);
});

const createJane = { createEnterpriseID: { email: "jane@example.com", firstname: "Jane", lastname: "Doe", country: "US" } };

describe("request validation (reference §4.1, §11)", () => {
  it("rejects a body that is not JSON, not an array, or empty with 400 error.command.malformed", async () => {
    for (const body of ["{not json", '{"user":"x"}', "[]"]) {
      const res = await api().postRaw(body);
      expect(res.status).toBe(400);
      expect(res.body.result).toBe("error.command.malformed");
    }
  });

  it("rejects more than 10 commands in one request", async () => {
    const commands = Array.from({ length: 11 }, (_, i) => ({ user: `u${i}@example.com`, do: [{ add: { group: ["Designers"] } }] }));
    const res = await api().action(commands);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ result: "error.command.malformed", message: "Too many commands in one request: 11 (max is 10)" });
    expect(api().emu.state().users).toHaveLength(1);
  });

  it("fails a command that names neither user nor usergroup", async () => {
    const res = await api().action([{ do: [] }]);
    expect(res.body.errors).toEqual([{ index: 0, step: 0, message: "Each command needs exactly one of user or usergroup", errorCode: "error.command.user_usergroup.missing" }]);
  });

  it("rejects unknown steps and a do that is not an array", async () => {
    const res = await api().action([
      { user: "alice@example.com", do: [{ resetPassword: {} }] },
      { user: "alice@example.com", do: { add: { group: ["Designers"] } } },
    ]);
    expect(res.body.errors?.map((e) => e.errorCode)).toEqual(["error.command.step.unknown", "error.command.steps.malformed"]);
  });

  it("records the parsed body of each action request", async () => {
    const commands = [{ user: "alice@example.com", do: [{ add: { group: ["Designers"] } }] }];
    await api().action(commands);
    expect(api().emu.requests()).toEqual([expect.objectContaining({ endpointClass: "action", status: 200, body: commands })]);
    expect(api().emu.metrics().actionCommands).toBe(1);
  });
});

describe("response shape (reference §4.5)", () => {
  it("answers 200 with completed, notCompleted, completedInTestMode, result and errors, in that order", async () => {
    const res = await api().action([
      { user: "alice@example.com", requestID: "r-1", do: [{ add: { group: ["Designers"] } }] },
      { user: "alice@example.com", requestID: "r-2", do: [{ add: { group: ["No Such Group"] } }] },
    ]);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["completed", "notCompleted", "completedInTestMode", "result", "errors"]);
    expect(res.body).toEqual({
      completed: 1,
      notCompleted: 1,
      completedInTestMode: 0,
      result: "partial",
      errors: [{ index: 1, step: 0, requestID: "r-2", message: "Group No Such Group was not found", errorCode: "error.group.not_found", user: "alice@example.com" }],
    });
    expect(Object.keys(res.body.errors![0]!)).toEqual(["index", "step", "requestID", "message", "errorCode", "user"]);
  });

  it("result is success when every command succeeds and error when none does", async () => {
    const ok = await api().action([{ user: "alice@example.com", do: [{ add: { group: ["Designers"] } }] }]);
    expect(ok.body).toEqual({ completed: 1, notCompleted: 0, completedInTestMode: 0, result: "success" });
    const bad = await api().action([{ user: "ghost@example.com", do: [{ add: { group: ["Designers"] } }] }]);
    expect(bad.body).toMatchObject({ completed: 0, notCompleted: 1, result: "error" });
    expect(bad.body.errors![0]).toMatchObject({ errorCode: "error.user.nonexistent", message: "User Id does not exist: ghost@example.com" });
  });

  it("a failing step stops its command; earlier steps stay applied", async () => {
    const res = await api().action([
      { user: "jane@example.com", do: [createJane, { add: { group: ["Nope"] } }, { add: { group: ["Designers"] } }] },
    ]);
    expect(res.body.errors![0]).toMatchObject({ step: 1, errorCode: "error.group.not_found" });
    expect(groupsOf(api(), "jane@example.com")).toEqual([]);
  });
});

describe("testOnly (reference §4.3)", () => {
  it("changes nothing and counts the commands that would succeed in completedInTestMode", async () => {
    const before = api().emu.state();
    const res = await api().action(
      [
        { user: "jane@example.com", do: [createJane, { add: { group: ["Designers"] } }] },
        { user: "alice@example.com", do: [{ update: { firstname: "Alicia" } }, { removeFromOrg: {} }] },
        { user: "alice@example.com", do: [{ add: { group: ["Nope"] } }] },
      ],
      { testOnly: true },
    );
    expect(res.body).toMatchObject({ completed: 0, notCompleted: 1, completedInTestMode: 2, result: "partial" });
    expect(api().emu.state()).toEqual(before);
    expect(api().emu.metrics()).toMatchObject({ actionCommands: 0, actionCommandsTestOnly: 3 });
  });

  it("treats operations on users that do not exist as successful", async () => {
    const res = await api().action([{ user: "ghost@example.com", do: [{ update: { lastname: "X" } }, { add: { group: ["Designers"] } }, { removeFromOrg: {} }] }], { testOnly: true });
    expect(res.body).toMatchObject({ completedInTestMode: 1, result: "success" });
  });

  it("lets two creates of the same user pass in test mode; for real the second fails", async () => {
    const twice = [{ user: "jane@example.com", do: [createJane] }, { user: "jane@example.com", do: [createJane] }];
    expect((await api().action(twice, { testOnly: true })).body).toMatchObject({ completedInTestMode: 2 });
    const real = await api().action(twice);
    expect(real.body).toMatchObject({ completed: 1, notCompleted: 1 });
    expect(real.body.errors![0]).toMatchObject({ index: 1, errorCode: "error.user.already_in_org" });
  });
});

describe("limits (reference §4.4)", () => {
  const groups = (n: number) => Array.from({ length: n }, () => "Designers");

  it("allows 10 entries per add/remove list and rejects 11 with error.command.add_remove.list_too_long", async () => {
    const names = Array.from({ length: 11 }, (_, i) => `G${i}`);
    const res = await api().action([{ user: "alice@example.com", do: [{ add: { group: names } }] }]);
    expect(res.body.errors![0]).toMatchObject({
      errorCode: "error.command.add_remove.list_too_long",
      message: "Too many products, users or groups in Add or Remove: max is 10",
    });
    const ten = await api().action([{ user: "alice@example.com", do: [{ add: { group: groups(10) } }] }]);
    expect(ten.body.result).toBe("success");
  });

  it("entriesPerList is configurable (the server has been seen allowing 20)", async () => {
    const wide = await connect({ entriesPerList: 20 });
    try {
      const res = await wide.action([{ user: "owner@example.com", do: [{ add: { group: Array.from({ length: 15 }, () => "Photoshop Users") } }] }]);
      expect(res.body.result).toBe("success");
    } finally {
      await wide.emu.close();
    }
  });

  it("rejects more than 10 steps in one command", async () => {
    const steps = Array.from({ length: 11 }, () => ({ add: { group: ["Designers"] } }));
    const res = await api().action([{ user: "alice@example.com", do: steps }]);
    expect(res.body.errors![0]).toMatchObject({ step: 10, errorCode: "error.command.add_remove.list_too_long" });
  });

  it("rejects names over 250 characters and emails over 60", async () => {
    const long = "x".repeat(251);
    const res = await api().action([
      { user: "jane@example.com", do: [{ createEnterpriseID: { ...createJane.createEnterpriseID, firstname: long } }] },
      { user: `${"a".repeat(50)}@example.com`, do: [{ createEnterpriseID: { ...createJane.createEnterpriseID, email: `${"a".repeat(50)}@example.com` } }] },
    ]);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ index: 0, errorCode: "error.command.string.too_long", message: "String too long in command for field: firstname, max length 250" }),
      expect.objectContaining({ index: 1, errorCode: "error.user.email.invalid" }),
    ]);
  });
});
