import { startIdleTimer } from "../idle-timer";

describe("idle timer", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fires once after the timeout with no activity", () => {
    const onIdle = vi.fn();
    const stop = startIdleTimer(5_000, onIdle);
    vi.advanceTimersByTime(4_999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });

  it.each(["pointerdown", "pointermove", "keydown", "wheel", "touchstart"])("is reset by %s", (type) => {
    const onIdle = vi.fn();
    const stop = startIdleTimer(5_000, onIdle);
    for (let step = 0; step < 5; step += 1) {
      vi.advanceTimersByTime(4_000);
      window.dispatchEvent(new Event(type));
    }
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });

  it("stops listening and never fires once stopped", () => {
    const onIdle = vi.fn();
    const stop = startIdleTimer(1_000, onIdle);
    stop();
    vi.advanceTimersByTime(10_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
