// The BFF gives each page load a nonce the content security policy accepts for styles. Ant
// Design is handed it (ConfigProvider csp), but its table measures the scroll bar with a
// <style> element it creates without one (@rc-component/util getScrollBarSize), which the
// policy refuses. So every <style> this page's own scripts create carries the nonce; markup
// injected as HTML never passes through createElement, and the policy still refuses it.
export function styleNonce(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
}

export function giveCreatedStylesTheNonce(nonce: string): void {
  const create = document.createElement.bind(document);
  document.createElement = ((tag: string, options?: ElementCreationOptions) => {
    const element = create(tag, options);
    if (element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  }) as typeof document.createElement;
}
