// layout.js — publishes the heights of the sticky bars (header, image bar, search box)
// as CSS variables (--header-h, --stage-h, --finder-h), so whatever sticks below them,
// and every card scrolled into view, clears them however they wrap or resize.

export function trackStickyHeights({ header, stageColumn, finder }) {
  const root = document.documentElement.style;
  const publish = () => {
    root.setProperty('--header-h', `${header.offsetHeight}px`);
    root.setProperty('--stage-h', `${stageColumn.offsetHeight}px`);
    root.setProperty('--finder-h', `${finder.offsetHeight}px`);
  };
  const observer = new ResizeObserver(publish);
  for (const element of [header, stageColumn, finder]) observer.observe(element);
  publish();
}
