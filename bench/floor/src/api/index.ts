/** The floor app serves nothing of its own (Ponder requires an API file). */
import { Hono } from "hono";

const app = new Hono();
app.get("/floor", (c) => c.text("floor"));

export default app;
