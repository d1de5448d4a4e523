// stage.js — the image under judgement. Swaps in an already decoded image, enlarges
// tiny images by a whole factor of device pixels so every source pixel stays square and
// even (an image too large for that is scaled down smoothly instead), replaces the image
// with a noise mask once the exposure limit has passed, and covers it while paused. It
// notes the animation frames that first painted the image and its mask, and tells the
// image's size on screen.
import { afterPaint } from './metrics.js';
import { onPixelRatioChange, pixelRatio } from './pixels.js';

const MASK_MAX_SIDE = 64;

export class Stage {
  constructor(box) {
    this.box = box;
    this.mask = box.querySelector('.mask');
    this.cover = box.querySelector('.cover');
    this.message = box.querySelector('.stage-message');
    this.img = null;
    this.exposure = null; // {left, since, timer} while the exposure clock runs
    this.masked = false;
    this.frames = null; // {image, mask}: rAF timestamps of the frames that first painted each
    this.side = box.clientWidth;
    // Reading the size here, not on every swap, keeps layout out of the swap path.
    new ResizeObserver(() => {
      this.side = box.clientWidth;
      if (this.img) this.#fit(this.img);
    }).observe(box);
    onPixelRatioChange(() => { if (this.img) this.#fit(this.img); });
  }

  /** Shows the item's image; resolves with the time it was first painted (its onset). */
  async show(item) {
    if (!item.loaded) this.say('Loading the image…');
    const ok = await item.ready;
    this.stopExposure();
    this.#unmask();
    const img = item.img;
    img.classList.add('subject');
    img.alt = 'The image to classify';
    this.#fit(img);
    if (this.img) this.img.replaceWith(img); else this.box.prepend(img);
    this.img = img;
    this.box.dataset.itemId = String(item.item_id);
    this.box.dataset.phase = item.phase;
    this.say(ok ? '' : 'This image could not be loaded. Choose “Can’t tell” to move on.');
    // Requested before afterPaint's frame callback, so it runs in that same frame.
    const frames = { image: null, mask: null };
    this.frames = frames;
    requestAnimationFrame((time) => { frames.image = time; });
    return afterPaint();
  }

  say(text) {
    this.message.textContent = text;
    this.message.hidden = !text;
  }

  clear() {
    this.stopExposure();
    this.#unmask();
    this.img?.remove();
    this.img = null;
    this.frames = null;
    delete this.box.dataset.itemId;
  }

  /** Starts the exposure limit (ms from onset); null means no limit. */
  startExposure(ms) {
    this.stopExposure();
    if (!ms) return;
    this.exposure = { left: ms, since: performance.now(), timer: null };
    this.exposure.timer = setTimeout(() => this.maskNow(), ms);
  }

  stopExposure() {
    if (this.exposure?.timer) clearTimeout(this.exposure.timer);
    this.exposure = null;
  }

  setPaused(paused) {
    this.cover.hidden = !paused;
    this.box.classList.toggle('paused', paused);
    const exposure = this.exposure;
    if (!exposure) return;
    if (paused && exposure.timer) {
      clearTimeout(exposure.timer);
      exposure.timer = null;
      exposure.left -= performance.now() - exposure.since;
    } else if (!paused && !exposure.timer) {
      exposure.since = performance.now();
      exposure.timer = setTimeout(() => this.maskNow(), Math.max(0, exposure.left));
    }
  }

  /** Replaces the image with fresh noise of about the same grain. */
  maskNow() {
    this.exposure = null;
    if (!this.img) return;
    const width = Math.min(MASK_MAX_SIDE, this.img.naturalWidth || MASK_MAX_SIDE);
    const height = Math.max(1, Math.round(width * ((this.img.naturalHeight || 1) / (this.img.naturalWidth || 1))));
    this.mask.width = width;
    this.mask.height = height;
    const context = this.mask.getContext('2d');
    const pixels = context.createImageData(width, height);
    const noise = crypto.getRandomValues(new Uint8Array(width * height));
    for (let i = 0; i < noise.length; i += 1) {
      const p = i * 4;
      pixels.data[p] = pixels.data[p + 1] = pixels.data[p + 2] = noise[i];
      pixels.data[p + 3] = 255;
    }
    context.putImageData(pixels, 0, 0);
    this.mask.style.width = this.img.style.width || `${this.side}px`;
    this.mask.style.height = this.img.style.height || `${this.side}px`;
    this.mask.hidden = false;
    this.img.classList.add('hidden-by-mask');
    this.masked = true;
    this.box.dataset.masked = 'true';
    const frames = this.frames;
    if (frames && frames.mask === null) requestAnimationFrame((time) => { frames.mask ??= time; });
  }

  /**
   * The time the image was on screen before its mask, in ms: from the frame that first
   * painted the image to the one that first painted the mask (both rAF timestamps); null
   * while no mask has been painted. A hidden tab paints nothing, so both may come late.
   */
  measuredExposure() {
    const frames = this.frames;
    return frames && frames.image !== null && frames.mask !== null ? frames.mask - frames.image : null;
  }

  /** The image's size on screen in CSS pixels, rounded; 0 × 0 without an image. */
  shownSize() {
    const rect = this.img?.getBoundingClientRect();
    return { width: Math.round(rect?.width ?? 0), height: Math.round(rect?.height ?? 0) };
  }

  /** Shows the image again (practice feedback lets the annotator look back at it). */
  reveal() { this.#unmask(); }

  #unmask() {
    this.mask.hidden = true;
    this.img?.classList.remove('hidden-by-mask');
    this.masked = false;
    delete this.box.dataset.masked;
  }

  #fit(img) {
    const w = img.naturalWidth;
    const h = img.naturalHeight;
    // The whole factor is counted in device pixels: a phone at 2.75 device pixels per
    // CSS pixel would otherwise draw 28 pixels 140 CSS px wide at an uneven 13.75 each.
    const ratio = pixelRatio();
    const scale = w && h ? Math.floor(Math.min((this.side * ratio) / w, (this.side * ratio) / h)) : 0;
    if (scale >= 2) {
      img.style.width = `${(w * scale) / ratio}px`;
      img.style.height = `${(h * scale) / ratio}px`;
      img.classList.add('pixelated');
    } else {
      img.style.width = '';
      img.style.height = '';
      img.classList.remove('pixelated');
    }
  }
}
