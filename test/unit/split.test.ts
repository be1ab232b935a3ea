import { describe, expect, it } from "vitest";
import { commandTarget, splitCommand, userCommand, userSteps, groupCommand, groupSteps } from "../../provider/umapi";

const groups = (n: number) => Array.from({ length: n }, (_, i) => `G${i}`);

describe("splitting commands within UMAPI's limits (reference §4.4)", () => {
  it("keeps a command within the limits as one chunk", () => {
    const cmd = userCommand({ user: "a@example.com" }, [userSteps.add(groups(10))]);
    expect(splitCommand(cmd)).toEqual([{ command: cmd, originalStep: [0] }]);
  });

  it("splits an add list of more than 10 entries into steps of at most 10", () => {
    const [chunk, ...rest] = splitCommand(userCommand({ user: "a@example.com" }, [userSteps.add(groups(25))]));
    expect(rest).toEqual([]);
    expect(chunk!.command.do).toEqual([
      { add: { group: groups(10) } },
      { add: { group: groups(25).slice(10, 20) } },
      { add: { group: groups(25).slice(20) } },
    ]);
    expect(chunk!.originalStep).toEqual([0, 0, 0]);
  });

  it("splits a usergroup add of users and profiles per list key", () => {
    const users = Array.from({ length: 12 }, (_, i) => `u${i}@example.com`);
    const [chunk] = splitCommand(groupCommand("Team", [{ add: { user: users, productConfiguration: ["P1"] } }]));
    expect(chunk!.command.do).toEqual([{ add: { user: users.slice(0, 10) } }, { add: { user: users.slice(10) } }, { add: { productConfiguration: ["P1"] } }]);
  });

  it("splits more than 10 steps into several commands for the same user, remembering original step indexes", () => {
    const steps = Array.from({ length: 12 }, (_, i) => userSteps.add([`G${i}`]));
    const chunks = splitCommand(userCommand({ user: "a@example.com" }, steps));
    expect(chunks.map((c) => c.command.do.length)).toEqual([10, 2]);
    expect(chunks[1]!.originalStep).toEqual([10, 11]);
    expect(chunks.every((c) => "user" in c.command && c.command.user === "a@example.com")).toBe(true);
  });

  it("names targets case-insensitively, users and groups apart", () => {
    expect(commandTarget(userCommand({ user: "A@Example.com" }, []))).toBe(commandTarget(userCommand({ user: "a@example.com" }, [])));
    expect(commandTarget(userCommand({ user: "jdoe", domain: "fed.example.com" }, []))).toBe("user:jdoe@fed.example.com");
    expect(commandTarget(groupCommand("Team", [groupSteps.delete()]))).toBe("usergroup:team");
  });
});
