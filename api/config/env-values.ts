import { z } from 'zod';

/** A whole number read from the environment, within [min, max], with messages that name the bound. */
export const wholeNumberIn = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

/** The same, with the value used when the variable is not set. */
export const wholeNumber = (fallback: number, min: number, max: number) => wholeNumberIn(min, max).default(fallback);
