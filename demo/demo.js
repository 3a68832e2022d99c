// The demo bank page's own script. It mounts the widget through the same public API a
// bank's page uses (docs/embedding.md), switches between the five sample customers with
// widget.update(), themes the widget with CSS custom properties, and lists its events.
// `?customer=us` (or hk, uk, ie) opens that customer.

const CONFIGS = {
  cn: "cn-card.json",
  us: "us-card.json",
  hk: "hk-card.json",
  uk: "uk-card.json",
  ie: "ie-card.json",
};
const EVENTS = ["ready", "step-change", "plan-change", "submit", "submitted", "error"];

const host = document.getElementById("repay-demo");
const customer = document.getElementById("demo-customer");
const theme = document.getElementById("demo-theme");
const log = document.getElementById("demo-events");

// Trunk's loader runs init() and then publishes the bindings.
const bindings = window.wasmBindings
  ? window.wasmBindings
  : await new Promise((resolve) =>
      addEventListener("TrunkApplicationStarted", () => resolve(window.wasmBindings), {
        once: true,
      }),
    );

for (const name of EVENTS) {
  host.addEventListener(`repay:${name}`, (event) => {
    const item = document.createElement("li");
    item.textContent = `repay:${name} ${JSON.stringify(event.detail)}`;
    log.prepend(item);
  });
}

async function configFor(key) {
  const response = await fetch(CONFIGS[key]);
  return response.text();
}

// A bank's page is opened after its own sign-in, and the widget sends proposals in that
// session. The demo signs in as the sample's customer at the dev-bank, which holds each
// sample account for one customer (passcode "demo"; docs/contract.md). Without the
// dev-bank the widget still shows; sending then asks the customer to sign in.
const HOLDERS = { cn: "wang", us: "jordan", hk: "chan", uk: "okafor", ie: "byrne" };

function signIn(key) {
  return fetch("/api/session", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ customer: HOLDERS[key], passcode: "demo" }),
  }).catch(() => {});
}

const wanted = new URLSearchParams(location.search).get("customer");
if (wanted in CONFIGS) customer.value = wanted;

const widget = bindings.mount(host, await configFor(customer.value));
signIn(customer.value);

customer.addEventListener("change", async () => {
  await signIn(customer.value);
  widget.update(await configFor(customer.value));
});

theme.addEventListener("change", () => {
  host.className = theme.value ? `bank-widget theme-${theme.value}` : "bank-widget";
});
