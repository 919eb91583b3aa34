/** `GET /health`: is the server up. No auth, no database. */
import { Hono } from 'hono';

export const healthRoutes = () => new Hono().get('/', (c) => c.json({ ok: true }));
