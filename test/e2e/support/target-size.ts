// Measures every visible interactive target on the page against WCAG 2.5.5 (AAA): at least 44 × 44
// CSS pixels. A radio or checkbox counts its label too (clicking the label works the control). The
// one exception taken is WCAG's inline one: a link or button inside a sentence of a paragraph,
// whose height is set by the line of text around it.
import type { Page } from "playwright-core";

export const MINIMUM_TARGET_PX = 44;

export interface SmallTarget {
  /** The element, as a person would find it: its tag and accessible text. */
  what: string;
  width: number;
  height: number;
}

/** Every visible target on the page smaller than `minimum` × `minimum` CSS pixels. */
export async function smallTargets(page: Page, minimum = MINIMUM_TARGET_PX): Promise<SmallTarget[]> {
  return page.evaluate((min) => {
    const SELECTOR =
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';
    const visible = (element: Element): boolean => {
      const rects = element.getClientRects();
      if (rects.length === 0) return false;
      const style = getComputedStyle(element);
      if (style.visibility === "hidden") return false;
      const box = element.getBoundingClientRect();
      // Visually hidden text (1 × 1 px, clipped) is for screen readers, not a pointer target.
      return box.width > 1 && box.height > 1;
    };
    const isInline = (element: Element): boolean => getComputedStyle(element).display.startsWith("inline");
    /** WCAG's inline exception: inside a paragraph whose text runs on around the target. */
    const inSentence = (element: Element): boolean => {
      if (!isInline(element)) return false;
      let block: Element | null = element.parentElement;
      while (block !== null && isInline(block)) block = block.parentElement;
      if (block === null || block.tagName !== "P") return false;
      const around = (block.textContent ?? "").replace(element.textContent ?? "", "");
      return /[A-Za-z]{2}/.test(around);
    };
    const describe = (element: Element): string => {
      const text = (element.getAttribute("aria-label") ?? element.textContent ?? "").replace(/\s+/g, " ").trim();
      const labels = element instanceof HTMLInputElement && element.labels ? [...element.labels] : [];
      const label = labels
        .map((each) => each.textContent ?? "")
        .join(" ")
        .replace(/\s+/g, " ")
        .trim();
      const type = element instanceof HTMLInputElement ? `[type=${element.type}]` : "";
      return `${element.tagName.toLowerCase()}${type} "${(text || label || element.id).slice(0, 70)}"`;
    };
    const small: { what: string; width: number; height: number }[] = [];
    for (const element of document.querySelectorAll(SELECTOR)) {
      if (!visible(element) || inSentence(element)) continue;
      const boxes = [element.getBoundingClientRect()];
      if (element instanceof HTMLInputElement && (element.type === "radio" || element.type === "checkbox")) {
        for (const label of element.labels ?? []) boxes.push(label.getBoundingClientRect());
      }
      const best = boxes.reduce((a, b) => (Math.min(b.width, b.height) > Math.min(a.width, a.height) ? b : a));
      // Half a pixel of rounding (fractional font sizes) is not a smaller target.
      if (best.width + 0.5 < min || best.height + 0.5 < min) {
        small.push({ what: describe(element), width: Math.round(best.width), height: Math.round(best.height) });
      }
    }
    return small;
  }, minimum);
}
