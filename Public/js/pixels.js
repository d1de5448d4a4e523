// pixels.js — device pixels per CSS pixel, and word when that changes (browser zoom, or the
// window moved to another screen), so whole-factor image sizes can be worked out again.

export const pixelRatio = () => window.devicePixelRatio || 1;

/** Calls `changed` after every change of the pixel ratio, for the life of the page. */
export function onPixelRatioChange(changed) {
  const watch = () => {
    // A resolution query matches one ratio only, so it is set up anew after each change.
    matchMedia(`(resolution: ${pixelRatio()}dppx)`).addEventListener('change', () => {
      watch();
      changed();
    }, { once: true });
  };
  watch();
}
