/** Options every renderer accepts. Renderers are pure: the clock comes from the caller. */
export interface RenderOptions {
  /** The current time, for "expires in 25 minutes"; without it expiries show as a clock time. */
  now?: Date;
}
