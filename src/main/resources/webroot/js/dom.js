// Small DOM helpers shared by the page's modules.

/** `document.getElementById`, failing loudly when the page lacks the element. */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing #${id}`);
  return element;
}

/** Creates an element with properties (`className`, `textContent`, …) and children. */
export function el(tag, props = {}, ...children) {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children.filter((child) => child !== null && child !== undefined));
  return element;
}

/** Shows `message` in an alert element, or hides it when `message` is empty. */
export function alertText(element, message) {
  element.textContent = message ?? '';
  element.hidden = !message;
}

/** `2026-01-22T13:07:41Z` → `1월 22일 오후 10:07` in the reader's time zone. */
export function shortDate(iso) {
  return new Date(iso).toLocaleString('ko-KR', { month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}
