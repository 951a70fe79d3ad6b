/** Where a log ends (or an entry sits): its number and the epoch that wrote it. */
export interface LogPosition {
  number: number;
  epoch: number;
}

/** The position of an empty log: every real entry is ahead of it. */
export const EMPTY_POSITION: LogPosition = { number: -1, epoch: -1 };
