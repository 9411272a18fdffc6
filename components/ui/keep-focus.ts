// When an action removes the control that had the focus (Revoke in a row that goes away, a form
// replaced by a new one, a page left by a redirect), the browser puts the focus on <body> and a
// keyboard or screen reader user is thrown back to the top of the page. This moves it instead to
// what took the control's place: the same control in the next row (or the previous one, for the
// last row), else whatever now sits where it was, else the heading of its section, else <main>.

const FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]), select, textarea, [tabindex]";

/** Where focus may be put back: section, dialog and main mark the end of the search. */
const BOUNDARY = "section, dialog, main";

function focusableIn(container: Element): HTMLElement[] {
  const inside = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const candidates = container.matches(FOCUSABLE) ? [container as HTMLElement, ...inside] : inside;
  // Not the controls of a closed dialog, nor anything hidden.
  return candidates.filter(
    (element) =>
      !element.closest("dialog:not([open])") &&
      element.getAttribute("tabindex") !== "-1" &&
      element.getClientRects().length > 0,
  );
}

/** A section or dialog: its heading (focusable by script only, not a Tab stop); <main>: itself. */
function focusBoundary(boundary: Element) {
  const heading = boundary.matches("main") ? null : boundary.querySelector("h1, h2, h3");
  const target = (heading ?? boundary) as HTMLElement;
  if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
  target.focus();
}

/**
 * Watches `control` (the button just pressed) until focus moves on: if it leaves the page while
 * nothing else has the focus, the focus goes to what took its place. `within` is an element
 * whose controls may hold the focus meanwhile (the open dialog of a confirm button).
 */
export function keepFocusWhenRemoved(control: Element, within?: Element | null) {
  const label = control.textContent?.trim();
  const page = window.location.pathname;
  // The control's ancestors, and where each sat in its parent, up to the nearest boundary.
  const places: { parent: Element; index: number }[] = [];
  let boundary: Element | null = null;
  for (let element: Element = control; element.parentElement; element = element.parentElement) {
    places.push({
      parent: element.parentElement,
      index: [...element.parentElement.children].indexOf(element),
    });
    if (element.parentElement.matches(BOUNDARY) || element.parentElement === document.body) {
      boundary = element.parentElement;
      break;
    }
  }

  const restore = () => {
    const main = document.querySelector("main");
    // The action went to another page: the focus starts at its content, as a page load's would.
    if (window.location.pathname !== page) {
      if (main) focusBoundary(main);
      return;
    }
    for (const { parent, index } of places) {
      if (!parent.isConnected) continue;
      if (parent === boundary) break;
      const siblings = parent.children;
      for (const candidate of [siblings[index], siblings[index - 1]]) {
        if (!candidate) continue;
        const controls = focusableIn(candidate);
        const match = controls.find((element) => element.textContent?.trim() === label) ?? controls[0];
        if (match) {
          match.focus();
          return;
        }
      }
    }
    if (boundary?.isConnected && boundary !== document.body) focusBoundary(boundary);
    else if (main) focusBoundary(main);
  };

  const observer = new MutationObserver(() => {
    if (control.isConnected) return;
    stop();
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    restore();
  });
  const onFocusIn = (event: FocusEvent) => {
    const target = event.target as Node;
    if (target !== control && !within?.contains(target)) stop();
  };
  const stop = () => {
    observer.disconnect();
    document.removeEventListener("focusin", onFocusIn);
  };
  observer.observe(document.body, { childList: true, subtree: true });
  document.addEventListener("focusin", onFocusIn);
}
