// For pages without script of their own (docs/embedding.md): loads the widget and mounts
// every element with a data-repay-widget attribute, configured by the JSON inside it
// (<script type="application/json">) or at its data-config-url. A configuration that
// cannot be loaded is logged and shown as the widget's error panel.
import init, { mount } from "./repay-widget.js";

await init();

async function configOf(element) {
  const inline = element.querySelector(':scope > script[type="application/json"]');
  if (inline) return inline.textContent;
  const url = element.getAttribute("data-config-url");
  try {
    if (!url) throw new Error("no <script type=\"application/json\"> inside and no data-config-url");
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
    return await response.text();
  } catch (error) {
    console.error(`repay-widget: no configuration for this element: ${error.message}`, element);
    return null;
  }
}

for (const element of document.querySelectorAll("[data-repay-widget]")) {
  if (element.querySelector(":scope > .repay-widget-host")) continue;
  mount(element, await configOf(element));
}
