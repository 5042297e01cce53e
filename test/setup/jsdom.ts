/**
 * jsdom has no layout, so it lacks ResizeObserver, which Fluent's MessageBar uses to
 * decide when to wrap its actions. An observer that never reports a resize is what a
 * browser would do for an element that never changes size. Node-environment tests
 * skip this (no window).
 */
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  class ResizeObserverStandIn {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  (window as unknown as Record<string, unknown>).ResizeObserver = ResizeObserverStandIn;
}
