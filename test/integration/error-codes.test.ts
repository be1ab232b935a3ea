/**
 * Reference §5: the per-command error codes the provider relies on, as `client.run` surfaces them
 * (a CommandError naming the target, the step and UMAPI's errorCode).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { CommandError, groupCommand, groupSteps, userCommand, userSteps, type Command } from "../../provider/umapi";
import { clientFor, groupIn, ORG, rejectionOf, userIn, useEmulator } from "./helpers";

const { emu, fresh } = useEmulator();
beforeEach(() => {
  fresh(ORG);
});

async function failure(cmd: Command, on: RunningEmulator = emu()): Promise<CommandError> {
  const err = await rejectionOf(clientFor(on).run(cmd));
  expect(err).toBeInstanceOf(CommandError);
  return err as CommandError;
}

const ent = (email: string) => userSteps.createEnterpriseID({ email, firstname: "Jane", lastname: "Doe", country: "US" });
const fed = (email: string) => userSteps.createFederatedID({ email, firstname: "Fay", lastname: "Fed", country: "FR" });

describe("error.user.already_in_org: creating a user that exists, without option", () => {
  it("fails the create step", async () => {
    const err = await failure(userCommand({ user: "Alice@example.com" }, [ent("Alice@example.com")]));
    expect(err).toMatchObject({ errorCode: "error.user.already_in_org", target: "Alice@example.com", stepName: "createEnterpriseID" });
    expect(err.message).toMatchInlineSnapshot(
      `"UMAPI did not complete the command for "Alice@example.com" at step 0 (createEnterpriseID): error.user.already_in_org: User already in organization: Alice@example.com"`,
    );
  });
});

describe("error.user.nonexistent: changing a user that is not in the org", () => {
  it("fails update and add", async () => {
    expect((await failure(userCommand({ user: "ghost@example.com" }, [userSteps.update({ firstname: "G" })]))).errorCode).toBe("error.user.nonexistent");
    expect((await failure(userCommand({ user: "ghost@example.com" }, [userSteps.add(["Designers"])]))).errorCode).toBe("error.user.nonexistent");
  });
});

describe("error.group.not_found: a group or profile name that does not exist", () => {
  it("fails the whole add step before changing anything", async () => {
    const err = await failure(userCommand({ user: "bob@example.com" }, [userSteps.add(["Acrobat Pro Users", "No Such Profile"])]));
    expect(err.message).toMatchInlineSnapshot(
      `"UMAPI did not complete the command for "bob@example.com" at step 0 (add): error.group.not_found: Group No Such Profile was not found"`,
    );
    expect(userIn(emu(), "bob@example.com")!.groups).toEqual(["Photoshop Users"]);
  });

  it("also for a profile attached to a user group", async () => {
    const err = await failure(groupCommand("Designers", [groupSteps.addProfiles(["No Such Profile"])]));
    expect(err.errorCode).toBe("error.group.not_found");
  });
});

describe("error.usergroup.not_found: a user-group command for a group that does not exist", () => {
  it("fails update, add and delete", async () => {
    for (const step of [groupSteps.update({ description: "x" }), groupSteps.addUsers(["bob@example.com"]), groupSteps.delete()]) {
      expect((await failure(groupCommand("Ghosts", [step]))).errorCode).toBe("error.usergroup.not_found");
    }
  });
});

describe("error.usergroup.already_exists: create or rename onto an existing name", () => {
  it("fails createUserGroup without option, whatever the case", async () => {
    const err = await failure(groupCommand("DESIGNERS", [groupSteps.create("again")]));
    expect(err.message).toMatchInlineSnapshot(
      `"UMAPI did not complete the command for "DESIGNERS" at step 0 (createUserGroup): error.usergroup.already_exists: User group already exists: Designers"`,
    );
  });

  it("fails a rename onto another group's name", async () => {
    fresh({ ...ORG, userGroups: [...ORG.userGroups!, { name: "Reviewers" }] });
    expect((await failure(groupCommand("Reviewers", [groupSteps.update({ name: "Designers" })]))).errorCode).toBe("error.usergroup.already_exists");
    expect(groupIn(emu(), "Reviewers")).toBeDefined();
  });
});

describe("error.usergroup.readonly.*: a group shared from another org (§8.7)", () => {
  const codes = async (...cmds: Command[]) => Promise.all(cmds.map(async (c) => (await failure(c)).errorCode));

  it("refuses rename/describe, delete, and member changes from either side", async () => {
    expect(
      await codes(
        groupCommand("Shared Designers", [groupSteps.update({ description: "mine now" })]),
        groupCommand("Shared Designers", [groupSteps.delete()]),
        groupCommand("Shared Designers", [groupSteps.addUsers(["bob@example.com"])]),
        groupCommand("Shared Designers", [groupSteps.removeUsers(["dave@example.com"])]),
        userCommand({ user: "bob@example.com" }, [userSteps.add(["Shared Designers"])]),
        userCommand({ user: "dave@example.com" }, [userSteps.remove(["Shared Designers"])]),
        userCommand({ user: "dave@example.com" }, [userSteps.removeAll()]),
      ),
    ).toEqual([
      "error.usergroup.readonly.update_not_allowed",
      "error.usergroup.readonly.remove_not_allowed",
      "error.usergroup.readonly.add_user_not_allowed",
      "error.usergroup.readonly.remove_user_not_allowed",
      "error.usergroup.readonly.add_user_not_allowed",
      "error.usergroup.readonly.remove_user_not_allowed",
      "error.usergroup.readonly.remove_user_not_allowed",
    ]);
    expect(groupIn(emu(), "Shared Designers")).toMatchObject({ memberCount: 1, description: "Shared from the parent org" });
  });

  it("names the group in the message", async () => {
    const err = await failure(groupCommand("Shared Designers", [groupSteps.addUsers(["bob@example.com"])]));
    expect(err.message).toMatchInlineSnapshot(
      `"UMAPI did not complete the command for "Shared Designers" at step 0 (add): error.usergroup.readonly.add_user_not_allowed: User cannot be added to group as owned by another org and readonly: Shared Designers"`,
    );
  });
});

describe("_org_admin cannot be assigned or removed through UMAPI (§8.4)", () => {
  it("fails add and remove of _org_admin", async () => {
    const add = await failure(userCommand({ user: "bob@example.com" }, [userSteps.add(["_org_admin"])]));
    expect(add.message).toMatchInlineSnapshot(
      `"UMAPI did not complete the command for "bob@example.com" at step 0 (add): error.command.illegal_entry: Admin role _org_admin cannot be assigned or removed through the User Management API"`,
    );
    const remove = await failure(userCommand({ user: "owner@example.com" }, [userSteps.remove(["_org_admin"])]));
    expect(remove.errorCode).toBe("error.command.illegal_entry");
    expect(userIn(emu(), "owner@example.com")!.groups).toEqual(["_org_admin"]);
  });
});

describe("error.update.adobeid.no: Adobe IDs belong to their owners (§8.1)", () => {
  it("fails an update of an Adobe ID", async () => {
    const err = await failure(userCommand({ user: "eve@gmail.com", useAdobeID: true }, [userSteps.update({ firstname: "Evelyn" })]));
    expect(err.errorCode).toBe("error.update.adobeid.no");
    expect(userIn(emu(), "eve@gmail.com")!.firstname).toBe("Eve");
  });
});

describe("identity types and claimed domains (§8.1)", () => {
  it("error.user.type_mismatch: a Federated ID in an Enterprise directory's domain, or the reverse", async () => {
    expect((await failure(userCommand({ user: "fay@example.com" }, [fed("fay@example.com")]))).errorCode).toBe("error.user.type_mismatch");
    expect((await failure(userCommand({ user: "jo@fed.example.com" }, [ent("jo@fed.example.com")]))).errorCode).toBe("error.user.type_mismatch");
  });

  it("error.domain.trust.nonexistent: a domain the org has not claimed", async () => {
    const err = await failure(userCommand({ user: "jane@unclaimed.example" }, [ent("jane@unclaimed.example")]));
    expect(err.message).toMatchInlineSnapshot(
      `"UMAPI did not complete the command for "jane@unclaimed.example" at step 0 (createEnterpriseID): error.domain.trust.nonexistent: Changes to users are only allowed in claimed domains."`,
    );
    expect(userIn(emu(), "jane@unclaimed.example")).toBeUndefined();
  });
});

describe("error.command.add_remove.list_too_long: a server that takes fewer list entries than the client sends (§4.4)", () => {
  // The client splits at the documented 10; a server limited to 5 refuses a list of 7.
  let strict: RunningEmulator;
  beforeAll(async () => {
    strict = await startEmulator({ throttle: false, entriesPerList: 5, seed: ORG });
  });
  afterAll(() => strict.close());

  it("fails the step with the server's message", async () => {
    const users = ORG.users!.map((u) => u.email); // 7
    const err = await failure(groupCommand("Designers", [groupSteps.addUsers(users)]), strict);
    expect(err.message).toMatchInlineSnapshot(
      `"UMAPI did not complete the command for "Designers" at step 0 (add): error.command.add_remove.list_too_long: Too many products, users or groups in Add or Remove: max is 5"`,
    );
  });
});
