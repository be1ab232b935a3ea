/** The shape every resource handler implements; the host dispatches the dynamic-provider calls to it. */
export interface DiffOutcome {
  changes: boolean;
  replaces?: string[];
  deleteBeforeReplace?: boolean;
}

export interface Handler<I, O> {
  diff(id: string, olds: O, news: I): DiffOutcome;
  create(inputs: I): Promise<{ id: string; outs: O }>;
  read(id: string, props: O): Promise<{ id?: string; props?: O; inputs?: I }>;
  update(id: string, olds: O, news: I): Promise<{ outs: O }>;
  delete(id: string, props: O): Promise<void>;
}

const lower = (s: string) => s.toLowerCase();

/** Case-insensitive set difference a − b, keeping a's spelling. */
export function minus(a: readonly string[] = [], b: readonly string[] = []): string[] {
  const drop = new Set(b.map(lower));
  return a.filter((x) => !drop.has(lower(x)));
}

export function sameSet(a: readonly string[] = [], b: readonly string[] = []): boolean {
  return minus(a, b).length === 0 && minus(b, a).length === 0;
}

export function sameText(a?: string, b?: string): boolean {
  return (a ?? "") === (b ?? "");
}

/** Keys whose values differ, comparing with `eq` per key. */
export function changedKeys<T extends object>(olds: T, news: T, keys: (keyof T)[], eq: (k: keyof T) => boolean = (k) => sameValue(olds[k], news[k])): (keyof T)[] {
  return keys.filter((k) => !eq(k));
}

/** Drops undefined fields so outputs stay plain JSON. */
export function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Structural equality that ignores key order (state stores properties sorted by key). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)]));
  }
  return v;
}
