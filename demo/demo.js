// The demo bank page's own script. It mounts the widget through the same public API a
// bank's page uses (docs/embedding.md), switches between the four sample customers with
// widget.update(), themes the widget with CSS custom properties, and lists its events.
// `?customer=us` (or hk, uk) opens that customer.

const CONFIGS = {
  cn: "cn-card.json",
  us: "us-card.json",
  hk: "hk-card.json",
  uk: "uk-card.json",
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

const wanted = new URLSearchParams(location.search).get("customer");
if (wanted in CONFIGS) customer.value = wanted;

const widget = bindings.mount(host, await configFor(customer.value));

customer.addEventListener("change", async () => {
  widget.update(await configFor(customer.value));
});

theme.addEventListener("change", () => {
  host.className = theme.value ? `bank-widget theme-${theme.value}` : "bank-widget";
});
