// Noto Sans SC shipped with the app, split by unicode-range: a page downloads only the subsets its
// characters need, and Chinese renders on machines without any CJK font.
import '@fontsource-variable/noto-sans-sc';

/** The app's font stack: the system's Latin and CJK fonts when it has them, then the bundled Noto Sans SC. */
export const FONT_FAMILY = [
  '-apple-system', 'BlinkMacSystemFont', "'Segoe UI'", 'Roboto', "'Helvetica Neue'", 'Arial',
  "'PingFang SC'", "'Hiragino Sans GB'", "'Microsoft YaHei'", "'Noto Sans SC Variable'",
  'sans-serif', "'Apple Color Emoji'", "'Segoe UI Emoji'",
].join(', ');

/** A CSS font shorthand naming only the bundled face, for `document.fonts.load`. */
export const BUNDLED_FONT = "14px 'Noto Sans SC Variable'";
