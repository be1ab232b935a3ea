/** Compares an emulator org with an org file: what the file declares must be there. */
import type { OrgStateJson } from "../../emulator";
import { adminGroupName, type OrgFile } from "../../provider";

const lower = (s: string) => s.toLowerCase();

/** Every way `state` differs from what `org` declares, as readable lines (empty: the org matches). */
export function orgMismatches(state: OrgStateJson, org: OrgFile): string[] {
  const out: string[] = [];
  const users = new Map(state.users.map((u) => [lower(u.email), u]));
  const groups = new Map(state.groups.map((g) => [lower(g.groupName), g]));
  const has = (list: string[], name: string) => list.some((x) => lower(x) === lower(name));
  const expectGroupOf = (email: string, group: string) => {
    const u = users.get(lower(email));
    if (!u) out.push(`${email}: missing`);
    else if (!has(u.groups, group)) out.push(`${email}: not in ${group}`);
  };

  for (const u of org.users ?? []) {
    const live = users.get(lower(u.email));
    if (!live) {
      out.push(`${u.email}: missing`);
      continue;
    }
    if (live.type !== u.identityType) out.push(`${u.email}: type ${live.type}, declared ${u.identityType}`);
    const fields: [string, string | undefined, string | undefined][] = [
      ["firstName", live.firstname, u.firstName],
      ["lastName", live.lastname, u.lastName],
      ["country", live.country, u.country],
      ["username", live.username, u.username],
      ["domain", live.domain, u.domain],
    ];
    for (const [name, got, want] of fields) if (want !== undefined && got !== want) out.push(`${u.email}: ${name} ${got}, declared ${want}`);
    for (const g of u.groups ?? []) expectGroupOf(u.email, g);
    for (const r of u.adminRoles ?? []) expectGroupOf(u.email, typeof r === "string" ? adminGroupName(r) : adminGroupName(r.role, r.target));
  }

  for (const g of org.userGroups ?? []) {
    const live = groups.get(lower(g.name));
    if (!live || live.type !== "USER_GROUP") {
      out.push(`group ${g.name}: missing`);
      continue;
    }
    if (g.description !== undefined && live.description !== g.description) out.push(`group ${g.name}: description ${live.description}, declared ${g.description}`);
    for (const p of g.productProfiles ?? []) if (!has(live.productProfiles ?? [], p)) out.push(`group ${g.name}: profile ${p} not attached`);
    for (const a of g.admins ?? []) expectGroupOf(a, adminGroupName("userGroupAdmin", g.name));
    if (g.members) {
      const members = state.users.filter((u) => has(u.groups, g.name)).map((u) => lower(u.email)).sort();
      const declared = g.members.map(lower).sort();
      if (members.join() !== declared.join()) out.push(`group ${g.name}: members ${members.join(", ")}, declared ${declared.join(", ")}`);
    }
  }
  return out;
}
