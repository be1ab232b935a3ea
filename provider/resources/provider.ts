/**
 * The serialized dynamic provider. Its methods only `require` this package by name at call time:
 * the closure captures no code, no client and no credentials, so the `__provider` text stored in
 * state is tiny, identical across package upgrades (no spurious diffs, no stale delete code), and
 * every resource type in the provider process shares the one client of `provider/host`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "./types";

type Host = typeof import("../host");

export function makeProvider(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  return {
    async configure(req) {
      (require("pulumi-adobe-umapi/dist/provider/host") as Host).configure(req.config);
    },
    async check(olds, news) {
      return (require("pulumi-adobe-umapi/dist/provider/host") as Host).check(kind, olds, news);
    },
    async diff(id, olds, news) {
      return (require("pulumi-adobe-umapi/dist/provider/host") as Host).diff(kind, id, olds, news);
    },
    async create(inputs) {
      return (require("pulumi-adobe-umapi/dist/provider/host") as Host).create(kind, inputs);
    },
    async read(id, props) {
      return (require("pulumi-adobe-umapi/dist/provider/host") as Host).read(kind, id, props ?? {});
    },
    async update(id, olds, news) {
      return (require("pulumi-adobe-umapi/dist/provider/host") as Host).update(kind, id, olds, news);
    },
    async delete(id, props) {
      return (require("pulumi-adobe-umapi/dist/provider/host") as Host).remove(kind, id, props);
    },
  };
}

const providers = new Map<ResourceKind, pulumi.dynamic.ResourceProvider>();

/** One provider object per kind, so the SDK serializes each closure once (its cache is keyed by object). */
export function providerFor(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  let p = providers.get(kind);
  if (!p) providers.set(kind, (p = makeProvider(kind)));
  return p;
}
