/**
 * The server's own state, asked without a session: `GET /health` (is it up)
 * and `GET /setup` (does it hold a school yet, so a new server's sign-in
 * screen can say how to create one).
 */
import { z } from '../zod';

export const healthResponseSchema = z.object({ ok: z.literal(true) });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const setupResponseSchema = z.object({ hasSchool: z.boolean() });
export type SetupResponse = z.infer<typeof setupResponseSchema>;
