/**
 * The client of a validated preview: every action request carries testOnly=true, nothing changes in
 * the org, and the user groups the plan creates are handled as the real run would see them.
 */
import { describe, expect, it } from "vitest";
import { groupCommand, groupSteps, userCommand, userSteps } from "../../provider/umapi";
import { clientFor, useEmulator } from "./helpers";

const { fresh } = useEmulator();

describe("a testOnly client", () => {
  it("sends every command with testOnly=true and changes nothing", async () => {
    const emu = fresh();
    const before = JSON.stringify(emu.state());
    const client = clientFor(emu, { testOnly: true });
    const ok = await client.execute(userCommand({ user: "new@example.com" }, [userSteps.createEnterpriseID({ email: "new@example.com", firstname: "N", lastname: "U" }), userSteps.add(["Photoshop Users"])]));
    const bad = await client.execute(userCommand({ user: "x@unclaimed.example" }, [userSteps.createEnterpriseID({ email: "x@unclaimed.example", firstname: "X", lastname: "Y" })]));
    expect(ok.completed).toBe(true);
    expect(bad.issues.map((i) => i.code)).toEqual(["error.domain.trust.nonexistent"]);
    expect(emu.requests().filter((r) => r.endpointClass === "action").every((r) => r.path.endsWith("?testOnly=true"))).toBe(true);
    expect(emu.metrics()).toMatchObject({ actionCommands: 0, actionCommandsTestOnly: 2 });
    expect(client.commandCounts).toEqual({ real: 0, testOnly: 2 });
    expect(JSON.stringify(emu.state())).toBe(before);
  });

  it("leaves out user steps naming a group the plan creates, and validates that group's own commands with its create", async () => {
    const emu = fresh();
    const client = clientFor(emu, { testOnly: true, plannedGroups: ["Review"] });
    const member = await client.execute(userCommand({ user: "owner@example.com" }, [userSteps.add(["Review"]), userSteps.add(["No Such Profile"])]));
    // Only the second step went, and its failure is numbered as the caller wrote it.
    expect(member.issues.map((i) => [i.code, i.step])).toEqual([["error.group.not_found", 1]]);
    const profile = await client.execute(groupCommand("Review", [groupSteps.addProfiles(["No Such Profile"])]));
    expect(profile.issues.map((i) => [i.code, i.step])).toEqual([["error.group.not_found", 0]]);
    const good = await client.execute(groupCommand("Review", [groupSteps.addProfiles(["Photoshop Users"])]));
    expect(good.completed).toBe(true);
    const joins = await client.changeMembership({ user: "owner@example.com", group: "Review", op: "add", userGroup: true });
    expect(joins.completed).toBe(true);
    const sent = emu.requests().filter((r) => r.endpointClass === "action").map((r) => r.body);
    expect(sent).toEqual([
      [{ user: "owner@example.com", do: [{ add: { group: ["No Such Profile"] } }] }],
      [{ usergroup: "Review", do: [{ createUserGroup: { option: "ignoreIfAlreadyExists" } }, { add: { productConfiguration: ["No Such Profile"] } }] }],
      [{ usergroup: "Review", do: [{ createUserGroup: { option: "ignoreIfAlreadyExists" } }, { add: { productConfiguration: ["Photoshop Users"] } }] }],
    ]);
  });
});
