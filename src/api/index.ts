/**
 * The HTTP API: Ponder's SQL-over-HTTP endpoint (`@ponder/client`) and generated GraphQL.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";

const app = new Hono();

app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

export default app;
