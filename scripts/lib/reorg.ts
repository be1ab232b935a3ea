/**
 * org.yaml files for bulk-change runs (benchmarks and end-to-end tests): the emulator's org as
 * exported (every user adopted), and the same file with the numbered users `user<i>@example.com`
 * in one more user group, declared in the file.
 */
import type { UmapiClient } from "../../provider/umapi/client";
import { exportOrg, renderOrgYaml } from "../../provider/orgfile/exportYaml";

export interface ReorgFiles {
  /** The org as it is, with `group` declared and empty. */
  before: string;
  /** Every numbered user also in `group`. */
  joined: string;
  /** How many users join. */
  joining: number;
}

export async function reorgFiles(client: UmapiClient, group: string): Promise<ReorgFiles> {
  const { exported } = await exportOrg(client);
  const numbered = (email: string) => /^user\d+@/.test(email);
  const render = (join: boolean) =>
    renderOrgYaml(
      {
        ...exported,
        org: {
          ...exported.org,
          userGroups: [...exported.org.userGroups, { name: group }],
          users: exported.org.users.map((u) => (join && numbered(u.email) ? { ...u, groups: [...(u.groups ?? []), group] } : u)),
        },
      },
      { orgId: client.orgId },
    );
  return { before: render(false), joined: render(true), joining: exported.org.users.filter((u) => numbered(u.email)).length };
}
