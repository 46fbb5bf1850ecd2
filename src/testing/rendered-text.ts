// Every piece of text a rendered screen shows, one text node a line, for tests that check the
// words a person reads (e.g. that no raw id or path reaches a screen). Text nodes are kept apart so
// two neighbouring words never run together into something that looks like an identifier.
export function renderedTextLines(root: Element): string[] {
  const lines: string[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = node.textContent?.trim();
    if (text) lines.push(text);
  }
  return lines;
}
