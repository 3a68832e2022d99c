// For pages without script of their own (docs/embedding.md): loads the widget and mounts
// every element with a data-repay-widget attribute, configured by the JSON inside it
// (<script type="application/json">) or at its data-config-url. A configuration that
// cannot be loaded is logged and shown as the widget's error panel.
//
// A configuration names the endpoint proposals go to and the phone numbers shown, so it is
// fetched only from this page's own origin, unless the script element that loads this file
// lists other origins in data-config-origins (space-separated): markup injected into the
// page cannot opt in, since it cannot add to this script element without running script of
// its own. A redirect to an origin not allowed is refused too.
import init, { mount } from "./repay-widget.js";

await init();

/** The origins configurations may come from: the page's own, and those the page opts in. */
function allowedOrigins() {
  const here = new URL(import.meta.url);
  here.hash = "";
  const script = [...document.querySelectorAll("script[type=module][src]")].find(
    (s) => new URL(s.src, location.href).href === here.href,
  );
  const listed = (script?.getAttribute("data-config-origins") ?? "").split(/\s+/).filter(Boolean);
  const origins = new Set([location.origin]);
  for (const origin of listed) {
    try {
      origins.add(new URL(origin).origin);
    } catch {
      console.error(`repay-widget: data-config-origins: ${origin} is not an origin`);
    }
  }
  return origins;
}

const ALLOWED = allowedOrigins();

async function configOf(element) {
  const inline = element.querySelector(':scope > script[type="application/json"]');
  if (inline) return inline.textContent;
  const url = element.getAttribute("data-config-url");
  try {
    if (!url) throw new Error("no <script type=\"application/json\"> inside and no data-config-url");
    // Resolved against the page's address, not a <base> element the page may not have set.
    const target = new URL(url, location.href);
    if (!ALLOWED.has(target.origin)) {
      throw new Error(
        `${target.href} is on another origin; list ${target.origin} in the script's data-config-origins to allow it`,
      );
    }
    const response = await fetch(target, {
      credentials: target.origin === location.origin ? "same-origin" : "omit",
    });
    if (!ALLOWED.has(new URL(response.url).origin)) {
      throw new Error(`${target.href} redirected to ${response.url}, another origin`);
    }
    if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
    return await response.text();
  } catch (error) {
    console.error(`repay-widget: no configuration for this element: ${error.message}`, element);
    return null;
  }
}

for (const element of document.querySelectorAll("[data-repay-widget]")) {
  // A widget is there already; a screen the server rendered is still to be taken over.
  if (element.querySelector(":scope > .repay-widget-host:not([data-repay-rendered])")) continue;
  mount(element, await configOf(element));
}
