// A bank's account page built with React (19, from npm), with the widget as the custom
// element <repay-widget>: the configuration is a property, the events are listened to
// on the element. tests/e2e/frameworks.test.mjs bundles this with esbuild and sends a
// proposal from it.
import { useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import "repay-widget/element";

function Repayment({ config }) {
  const element = useRef(null);
  const [reference, setReference] = useState(null);
  useEffect(() => {
    const host = element.current;
    const accepted = (event) => setReference(event.detail.reference);
    host.addEventListener("repay:submitted", accepted);
    return () => host.removeEventListener("repay:submitted", accepted);
  }, []);
  return (
    <section aria-label="Repayment">
      <repay-widget ref={element} className="repay-widget-slot" config={config} />
      {reference && <p data-testid="page-heard">Proposal {reference} received</p>}
    </section>
  );
}

const config = JSON.parse(document.getElementById("repayment-config").textContent);
createRoot(document.getElementById("app")).render(<Repayment config={config} />);
