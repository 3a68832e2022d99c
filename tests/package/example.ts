// A bank's page script as its front-end team writes it with the npm package: every
// name and field here is checked against the package's declarations (`tsc --noEmit`).
// The lines marked @ts-expect-error must fail to type-check: a declaration that
// accepted them would check nothing.
import init, { mount, type RepayWidgetConfig, type Widget } from "repay-widget";
import { RepayWidgetElement } from "repay-widget/element";
import type { ProposalAnswer } from "repay-widget/types/answer";
import type { ProposalSubmission } from "repay-widget/types/submission";

const config: RepayWidgetConfig = {
  endpoint: "/api/proposals",
  account_reference: "US-4111-0042",
  locale: "en-US",
  terms: { url: "/legal/payment-plan-terms", version: "2026-07" },
  account: {
    currency: "USD",
    statement_balance: "1850.00",
    minimum_due: "75.00",
    overdue_amount: "75.00",
    due_date: "2026-11-01",
    as_of: "2026-11-20",
    credit_limit: "5000.00",
  },
  policy: {
    name: "Example Bank USD card",
    grace_days: 0,
    rounding: "half_even",
    interest: { annual: { rate: "0.2499", day_count: 365 } },
    affordability_share: "0.5",
    max_term_months: 60,
    stages: [{ code: "late", from_day: 1, consequences: ["late_fee"] }],
    plans: [{ pay_in_full: { approval: "instant" } }, { bring_current: { approval: "instant" } }],
  },
};

await init();
const host = document.getElementById("repayment");
if (!host) throw new Error("no host element");
const widget: Widget = mount(host, config);
widget.update(JSON.stringify(config));

// Events are typed by name, on any element.
host.addEventListener("repay:submitted", (event) => {
  const reference: string = event.detail.reference;
  const status: "received" | "approved" | "under_review" = event.detail.status;
  console.info(reference, status, event.detail.proposalId);
});
host.addEventListener("repay:error", (event) => {
  if (event.detail.kind === "failed") console.warn(event.detail.cause, event.detail.offline);
  if (event.detail.kind === "config") console.warn(event.detail.field, event.detail.reason);
});
host.addEventListener("repay:plan-change", (event) => {
  const months: number = event.detail.months;
  console.info(event.detail.plan, months);
});

// The custom element: created by tag name, configured by property.
const element = document.createElement("repay-widget");
const typed: RepayWidgetElement = element;
typed.config = config;
element.addEventListener("repay:ready", (event) => console.info(event.detail.locale, event.detail.step));
document.body.append(element);

// The contract's types, for a bank's own code that reads the answers.
function referenceOf(answer: ProposalAnswer): string | undefined {
  return "reference" in answer ? answer.reference : undefined;
}
function keyOf(submission: ProposalSubmission): string {
  return submission.proposal_id;
}
console.info(referenceOf, keyOf);

// What the declarations must refuse.
// @ts-expect-error a locale the widget does not speak
const french: RepayWidgetConfig = { ...config, locale: "fr-FR" };
// @ts-expect-error an amount is decimal text, never a number
const numeric: RepayWidgetConfig = { ...config, account: { ...config.account, overdue_amount: 75 } };
// @ts-expect-error a field the configuration does not have
const unknown: RepayWidgetConfig = { ...config, colour: "red" };
host.addEventListener("repay:submitted", (event) => {
  // @ts-expect-error the detail carries no amounts
  console.info(event.detail.amount);
});
// @ts-expect-error mount needs an element
mount("#repayment", config);
console.info(french, numeric, unknown);
