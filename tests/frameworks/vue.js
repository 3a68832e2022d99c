// A bank's account page built with Vue (3, from npm), with the widget as the custom
// element <repay-widget>: the configuration is a property (`.config`), the events are
// `on` listeners on the element. Render functions, so that no template is compiled in
// the browser (which a strict CSP forbids). tests/e2e/frameworks.test.mjs bundles this
// with esbuild and sends a proposal from it.
import { createApp, h, ref } from "vue";
import "repay-widget/element";

const config = JSON.parse(document.getElementById("repayment-config").textContent);

createApp({
  setup() {
    const reference = ref(null);
    return () =>
      h("section", { "aria-label": "Repayment" }, [
        h("repay-widget", {
          class: "repay-widget-slot",
          ".config": config,
          "onRepay:submitted": (event) => (reference.value = event.detail.reference),
        }),
        reference.value && h("p", { "data-testid": "page-heard" }, `Proposal ${reference.value} received`),
      ]);
  },
}).mount("#app");
