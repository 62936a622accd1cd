/** What every write stamps its time with: the wall clock, unless a test fixes it (`AppDeps.now`). */
export type Clock = () => Date

export const wallClock: Clock = () => new Date()
