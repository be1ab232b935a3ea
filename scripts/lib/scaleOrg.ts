/**
 * The org of the scale benchmark, shaped like a real export: `users` Enterprise IDs
 * `user<i>@example.com`, each in exactly one of 20 user groups (each group attached to a product
 * profile), plus the default org's owner. The org.yaml files of its operations are the exporter's
 * own output (`exportOrg`, what `umapi-export` writes) and edits of it.
 */
import { generateOrg, type OrgSeed } from "../../emulator";
import type { UmapiClient } from "../../provider/umapi/client";
import { exportOrg, renderOrgYaml } from "../../provider/orgfile/exportYaml";
import type { ExportedOrg } from "../../provider/orgfile/export";

export const SCALE_GROUPS = 20;
/** The user group every user joins in the reorganisation. */
export const REORG_GROUP = "Reorganised";
/** How many users the edit renames. */
export const EDITED_USERS = 10;

export function scaleSeed(users: number): OrgSeed {
  const seed = generateOrg({ users, groups: SCALE_GROUPS });
  const owner = seed.users![0]!;
  const generated = seed.users!.slice(1).map((u, i) => ({ ...u, groups: [`Group ${(i % SCALE_GROUPS) + 1}`] }));
  return { ...seed, users: [owner, ...generated] };
}

/** The org.yaml of each operation: the export, 10 first names changed, then every user in one more group. */
export interface ScaleFiles {
  adopt: string;
  edit: string;
  reorg: string;
  /** Users that join `REORG_GROUP` in the reorganisation. */
  joining: number;
}

export async function scaleFiles(client: UmapiClient): Promise<ScaleFiles> {
  const { text, exported } = await exportOrg(client);
  const numbered = (email: string) => /^user\d+@/.test(email);
  let renamed = 0;
  const editedUsers = exported.org.users.map((u) => (numbered(u.email) && renamed++ < EDITED_USERS ? { ...u, firstName: `Edited ${u.firstName ?? ""}`.trim() } : u));
  const render = (org: ExportedOrg["org"]) => renderOrgYaml({ ...exported, org }, { orgId: client.orgId });
  const edited = { ...exported.org, users: editedUsers };
  const reorg = {
    ...edited,
    userGroups: [...edited.userGroups, { name: REORG_GROUP }],
    users: edited.users.map((u) => (numbered(u.email) ? { ...u, groups: [...(u.groups ?? []), REORG_GROUP] } : u)),
  };
  return { adopt: text, edit: render(edited), reorg: render(reorg), joining: reorg.users.filter((u) => numbered(u.email)).length };
}
