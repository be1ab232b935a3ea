/**
 * A large generated org for benchmarks. Stack config:
 * - `users` (number), `groups` (number of user groups "Group 1".."Group N")
 * - `shape`: "create" — new users `bench<i>@example.com`, each with `memberships` memberships,
 *   inline (`membershipStyle: inline`, sent with the create) or as GroupMembership edges (`edges`);
 *   "adopt" — exactly the org the emulator generates with `--generate users=N,groups=M`, adopted.
 */
import * as pulumi from "@pulumi/pulumi";
import { AdobeUser, GroupMembership, UserGroup } from "pulumi-adobe-umapi";

const config = new pulumi.Config();
const users = config.requireNumber("users");
const groupCount = config.getNumber("groups") ?? 0;
const shape = config.get("shape") ?? "create";
const memberships = config.getNumber("memberships") ?? 2;
const style = config.get("membershipStyle") ?? "inline";
const adopt = shape === "adopt";

/** Lets the event loop send the registrations declared so far (see README "Large orgs"). */
const yieldToEngine = () => new Promise<void>((resolve) => setImmediate(resolve));

export = async () => {
  const groupNames = Array.from({ length: groupCount }, (_, j) => `Group ${j + 1}`);
  const groups = groupNames.map((name, j) => new UserGroup(`group-${j + 1}`, { name, adopt }));

  for (let i = 1; i <= users; i++) {
    if (i % 50 === 0) await yieldToEngine();
    if (adopt) {
      // The memberships the emulator's generator gives user i (emulator/seed.ts generateOrg).
      const count = Math.min(1 + (i % 3), groupNames.length);
      const own = Array.from({ length: count }, (_, k) => groupNames[(i * 7 + k) % groupNames.length]!);
      new AdobeUser(`user-${i}`, { identityType: "enterpriseID", email: `user${i}@example.com`, firstName: "User", lastName: String(i), country: "US", groups: own, adopt: true }, { dependsOn: groups });
      continue;
    }
    const email = `bench${i}@example.com`;
    const own = groupNames.length > 0 ? Array.from({ length: memberships }, (_, k) => groupNames[(i + k) % groupNames.length]!) : ["Photoshop Users", "Acrobat Pro Users"].slice(0, memberships);
    const user = new AdobeUser(`user-${i}`, { identityType: "enterpriseID", email, firstName: "Bench", lastName: String(i), country: "US", groups: style === "inline" ? own : undefined }, { dependsOn: groups });
    if (style === "edges") own.forEach((group, k) => new GroupMembership(`user-${i}-m${k}`, { user: user.email, group }));
  }

  return { declaredUsers: users };
};
