import { describe, expect, it } from "vitest";
import { ActionResponseSchema, GroupsPageSchema, UsersPageSchema } from "../../provider/umapi";

describe("wire schemas tolerate what Adobe may send (reference §1.2)", () => {
  it("accepts omitted fields and keeps going on unknown ones", () => {
    const page = UsersPageSchema.parse({ result: "success", lastPage: true, users: [{ email: "a@example.com", orgSpecific: true }], futureField: 1 });
    expect(page.users[0]).toMatchObject({ email: "a@example.com" });
  });

  it("defaults a missing user list to empty", () => {
    expect(UsersPageSchema.parse({ result: "success", lastPage: true }).users).toEqual([]);
  });

  it("accepts group types it does not know yet", () => {
    const g = GroupsPageSchema.parse({ result: "success", groups: [{ groupName: "X", type: "SOME_NEW_TYPE", memberCount: 1 }] });
    expect(g.groups[0]!.type).toBe("SOME_NEW_TYPE");
  });

  it("reads step indexes sent as strings (the docs type them as string)", () => {
    const r = ActionResponseSchema.parse({ completed: 0, notCompleted: 1, completedInTestMode: 0, result: "error", errors: [{ index: "0", step: "2", message: "m", errorCode: "e" }] });
    expect(r.errors![0]).toMatchObject({ index: 0, step: 2 });
  });

  it("rejects a users page whose users are not objects", () => {
    expect(UsersPageSchema.safeParse({ result: "success", users: ["a@example.com"] }).success).toBe(false);
  });
});
