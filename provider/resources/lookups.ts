/**
 * Lookup functions for programs: read the live org at program run time (for example to attach
 * every product profile of a product). They run in the program process with their own client.
 */
import * as pulumi from "@pulumi/pulumi";
import { UmapiClient } from "../umapi/client";
import { collectAll } from "../umapi/paging";
import type { Group, User } from "../umapi/schema";

function client(): UmapiClient {
  const cfg = new pulumi.Config("umapi");
  return new UmapiClient({
    orgId: cfg.get("orgId"),
    clientId: cfg.get("clientId"),
    clientSecret: cfg.get("clientSecret"),
    umapiUrl: cfg.get("url"),
    imsUrl: cfg.get("imsUrl"),
  });
}

/** Product profiles of the org, optionally only those of one product (matched on productName). */
export async function getProductProfiles(filter: { productName?: string } = {}): Promise<Group[]> {
  const groups = await collectAll(client().listGroups());
  return groups.filter((g) => g.type === "PRODUCT_PROFILE" && (!filter.productName || g.productName === filter.productName));
}

export async function getUserGroups(): Promise<Group[]> {
  return (await collectAll(client().listGroups())).filter((g) => g.type === "USER_GROUP");
}

/** Users of the org, or of one group when `group` is given. */
export async function getUsers(filter: { group?: string; domain?: string } = {}): Promise<User[]> {
  const c = client();
  return collectAll(filter.group ? c.listUsersInGroup(filter.group) : c.listUsers({ domain: filter.domain }));
}
