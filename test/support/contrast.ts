import type { Page } from 'playwright-core';

/** One piece of text whose contrast against what is behind it is below the bar. */
export interface LowContrast {
  text: string;
  ratio: number;
  color: string;
  background: string;
}

/**
 * WCAG 2 contrast of every visible text node on the page against its effective background (the
 * element's and its ancestors' background colours composited, with opacity), computed in the page.
 * Disabled controls are exempt, as WCAG allows.
 */
export function lowContrastText(page: Page, min = 4.5): Promise<LowContrast[]> {
  return page.evaluate((minRatio) => {
    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const parts = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
      return [parts[0]!, parts[1]!, parts[2]!, parts.length > 3 ? parts[3]! : 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: number) => (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const lum = (c: Rgba): number => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2]);
    };
    const backgroundOf = (el: Element): Rgba => {
      const chain: Element[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) chain.unshift(e);
      let bg: Rgba = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (bg[3] === 0) bg = [255, 255, 255, 1];
      for (const e of chain) {
        const style = getComputedStyle(e);
        const own = parse(style.backgroundColor);
        own[3] *= Number(style.opacity);
        bg = over(own, bg);
      }
      return bg;
    };
    const out: { text: string; ratio: number; color: string; background: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      if (el.closest(':disabled, [hidden], noscript')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      let opacity = 1;
      for (let e: Element | null = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      const bg = backgroundOf(el);
      const fg = parse(getComputedStyle(el).color);
      fg[3] *= opacity;
      const shown = over(fg, bg);
      const [a, b] = [lum(shown), lum(bg)].sort((x, y) => y - x) as [number, number];
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < minRatio) out.push({ text: text.slice(0, 40), ratio: Math.round(ratio * 100) / 100, color: getComputedStyle(el).color, background: `rgb(${bg.slice(0, 3).map(Math.round).join(',')})` });
    }
    return out;
  }, min);
}
