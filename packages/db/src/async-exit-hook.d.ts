declare module 'async-exit-hook' {
  interface AsyncExitHook {
    (hook: (done: () => void) => void): void;
    /** Removes the process listener async-exit-hook added for this event. */
    unhookEvent(event: string): void;
  }
  const hook: AsyncExitHook;
  export default hook;
}
