// The custom element <repay-widget> (docs/embedding.md, "As a custom element"), for pages
// built with React, Angular, Vue or none: the element is the widget's host.
//
// - Its configuration is the `config` property (an object or JSON text) when the page
//   sets one, or else the JSON of its child <script type="application/json">.
// - It mounts when it is connected and the module has loaded; setting `config` again
//   gives the mounted widget the new configuration (`update`: what the customer chose
//   and typed stays for the same account and offers).
// - Removing it from the page destroys the widget (the draft stays in session storage,
//   so putting it back resumes it); moving it within the page keeps it as it is.
// - The widget's events (`repay:ready`, `repay:submitted`…) are DOM events on the element.
//
// It runs under the strict CSP of the guide: no inline script, no eval; the module it
// imports is held to the import map's integrity like any other import of it.
import init, { mount } from "./repay-widget.js";

/** @typedef {import("./repay-widget.js").RepayWidgetConfig} RepayWidgetConfig */
/** @typedef {import("./repay-widget.js").Widget} Widget */

/** @type {Promise<unknown> | undefined} */
let loading;

/** Loads the WebAssembly module once, for every element of the page. */
function loaded() {
  loading ??= init();
  return loading;
}

/**
 * `<repay-widget>`: the repayment widget as an element. Configure it with the `config`
 * property or a child `<script type="application/json">`; listen to its `repay:*` events.
 */
export class RepayWidgetElement extends HTMLElement {
  /** @type {RepayWidgetConfig | string | undefined} */
  #config;
  /** @type {Widget | undefined} */
  #widget;

  constructor() {
    super();
    // A framework may have set `config` before this class was defined: that value sits
    // on the element itself, hiding the accessor. Take it through the accessor.
    if (Object.hasOwn(this, "config")) {
      const value = /** @type {any} */ (this).config;
      delete (/** @type {any} */ (this).config);
      this.config = value;
    }
  }

  /**
   * The configuration: set it to an object or JSON text. Reading it gives what was set,
   * or `undefined` when the element reads its child `<script type="application/json">`.
   * @returns {RepayWidgetConfig | string | undefined}
   */
  get config() {
    return this.#config;
  }

  /** @param {RepayWidgetConfig | string | undefined} value */
  set config(value) {
    this.#config = value;
    if (this.#widget) {
      this.#widget.update(this.#configuration());
    } else if (this.isConnected) {
      this.#mount();
    }
  }

  connectedCallback() {
    this.#mount();
  }

  disconnectedCallback() {
    // Moved within the page, it is connected again before this microtask runs.
    queueMicrotask(() => {
      if (!this.isConnected && this.#widget) {
        this.#widget.destroy();
        this.#widget.free();
        this.#widget = undefined;
      }
    });
  }

  /** @returns {RepayWidgetConfig | string} */
  #configuration() {
    if (this.#config !== undefined) return this.#config;
    const block = this.querySelector(':scope > script[type="application/json"]');
    return block?.textContent ?? "";
  }

  #mount() {
    loaded().then(
      () => {
        if (this.isConnected && !this.#widget) {
          this.#widget = mount(this, this.#configuration());
        }
      },
      (error) => console.error("repay-widget: the widget could not load", error),
    );
  }
}

if (!customElements.get("repay-widget")) {
  customElements.define("repay-widget", RepayWidgetElement);
}
