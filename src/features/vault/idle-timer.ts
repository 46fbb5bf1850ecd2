// Calls `onIdle` once no pointer, key, touch or wheel activity has happened for `timeoutMs`.
// Activity only records a timestamp (cheap on every pointermove); a single timer re-arms itself
// for the remaining time instead of being cleared and re-created on every event.

const ACTIVITY_EVENTS = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "input"] as const;

export function startIdleTimer(timeoutMs: number, onIdle: () => void, target: Window = window): () => void {
  let lastActivity = Date.now();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const onActivity = (): void => {
    lastActivity = Date.now();
  };
  const check = (): void => {
    const idleFor = Date.now() - lastActivity;
    if (idleFor >= timeoutMs) {
      timer = null;
      onIdle();
    } else {
      timer = setTimeout(check, timeoutMs - idleFor);
    }
  };

  for (const type of ACTIVITY_EVENTS) target.addEventListener(type, onActivity, { passive: true, capture: true });
  timer = setTimeout(check, timeoutMs);

  return () => {
    if (timer !== null) clearTimeout(timer);
    for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, onActivity, { capture: true });
  };
}
