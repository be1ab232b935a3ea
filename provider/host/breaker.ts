/**
 * A breaker counts one kind of destructive step in this provider process (one engine operation) at
 * the moment each is about to happen, and refuses the steps past the run's budget before they
 * happen. Counting is synchronous, so parallel steps cannot slip past it together. The budget is
 * `umapi:removalBudget` (a count, or a share of the org's users such as "2%"), by default the larger
 * of 5 and 2% of the org's users, the numbers of org.yaml's removal brake; an allowance (a number or
 * `all`) raises it for one run.
 */
import { DEFAULT_REMOVAL_BUDGET, defaultLimit, type Allowance } from "../orgfile/removalBrake";
import { removalLimit, type RemovalBudget } from "../orgfile/schema";
import type { ResourceKind } from "../resources/types";
import { ResourceError } from "./errors";

export interface BreakerSettings {
  budget?: RemovalBudget;
  allowance?: Allowance;
}

/** The refusal text of one breaker: what was counted, and how to allow more. */
export interface BreakerWording {
  /** Why this step is refused, e.g. `refresh would drop it from the stack`. */
  refused: string;
  /** The counted steps, plural: `objects dropped from the stack`. */
  counted: string;
  /** How to allow it, given the count needed. */
  override: (needed: number) => string;
}

export class BreakerError extends ResourceError {
  constructor(kind: ResourceKind, object: string, message: string) {
    super(kind, object, message, { errorCode: "removal_budget" });
  }
}

export class Breaker {
  private attempted = 0;
  private limit?: Promise<{ limit: number; source: string }>;

  constructor(
    private readonly wording: BreakerWording,
    private readonly settings: BreakerSettings,
    /** The org's user count (X-Total-Count of the first users page), for shares and the default. */
    private readonly orgUsers: () => Promise<number>,
  ) {}

  /** Resolves when the step may go ahead; throws BreakerError when it is past the budget. */
  async admit(kind: ResourceKind, object: string): Promise<void> {
    const n = ++this.attempted;
    const { allowance } = this.settings;
    if (allowance === "all") return;
    const { limit, source } = await (this.limit ??= this.resolveLimit());
    const allowed = Math.max(limit, allowance ?? 0);
    if (n <= allowed) return;
    throw new BreakerError(
      kind,
      object,
      `${this.wording.refused}: this run has reached its budget of ${allowed} ${this.wording.counted} (${allowance !== undefined && allowance > limit ? "the allowance" : source}), and this is number ${n} at least. Nothing past the budget was done; the resource stays in the state. ${this.wording.override(n)}`,
    );
  }

  private async resolveLimit(): Promise<{ limit: number; source: string }> {
    const { budget } = this.settings;
    if (budget?.kind === "count") return { limit: budget.count, source: "umapi:removalBudget" };
    const users = await this.orgUsers();
    if (budget) return { limit: removalLimit(budget, users), source: `umapi:removalBudget ${budget.percent}% of the org's ${users} users` };
    return { limit: defaultLimit(users), source: `the default, the larger of ${DEFAULT_REMOVAL_BUDGET.count} and ${DEFAULT_REMOVAL_BUDGET.percent}% of the org's ${users} users` };
  }
}
