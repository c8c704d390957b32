/**
 * OpenAPI 3.1 document of the REST API, generated from {@link ENDPOINTS} and their zod schemas
 * with `z.toJSONSchema` (JSON Schema draft 2020-12, which OpenAPI 3.1 uses as its schema dialect).
 */
import { z } from "zod";
import { ENDPOINTS, pathParams } from "./endpoints";
import { FormatArgs } from "./args";

type JsonSchema = Record<string, unknown>;

function schemaOf(type: z.ZodType, io: "input" | "output"): JsonSchema {
  const schema = z.toJSONSchema(type, { io, unrepresentable: "any", reused: "inline" }) as JsonSchema;
  delete schema.$schema;
  return schema;
}

const ErrorBody = z.object({
  error: z.string().describe("machine-readable code: BAD_USER_INPUT, NOT_FOUND, NOT_READY, INTERNAL"),
  detail: z.string().describe("what is wrong, naming the parameter"),
  parameter: z.string().optional().describe("the offending parameter"),
});

/** Builds the document. */
export function buildOpenApiDocument(options: { serverUrl?: string } = {}): JsonSchema {
  const paths: Record<string, unknown> = {};
  for (const e of ENDPOINTS) {
    const inPath = pathParams(e.path);
    const argsSchema = schemaOf(e.args, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    const required = new Set(argsSchema.required ?? []);
    const parameters = Object.entries(argsSchema.properties ?? {}).map(([name, schema]) => {
      const { description, ...rest } = schema;
      return {
        name,
        in: inPath.includes(name) ? "path" : "query",
        required: inPath.includes(name) || required.has(name),
        ...(description ? { description } : {}),
        schema: rest,
      };
    });
    const format = schemaOf(FormatArgs, "input") as { properties: { format: JsonSchema } };
    if (!parameters.some((p) => p.name === "format")) parameters.push({
      name: "format",
      in: "query",
      required: false,
      description: "json (default) or csv (RFC 4180, header row)",
      schema: { ...format.properties.format, description: undefined } as JsonSchema,
    });
    const openApiPath = e.path.replace(/:(\w+)/g, "{$1}");
    paths[`/api/v1${openApiPath}`] = {
      get: {
        operationId: e.id,
        summary: e.summary,
        description: e.description,
        parameters,
        responses: {
          "200": {
            description: "OK. ETag on every answer; `Cache-Control: public, max-age=31536000, immutable` when only finalized epochs are involved, `no-cache` otherwise.",
            content: {
              "application/json": { schema: schemaOf(e.response, "output") },
              "text/csv": { schema: { type: "string" } },
            },
          },
          "304": { description: "Not modified (If-None-Match matched the ETag)." },
          "400": { description: "A parameter is invalid or unknown.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
          "404": { description: "Unknown epoch or vault.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
          "503": { description: "Nothing indexed yet.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "ve-lens analytics API",
      version: "1.0.0",
      description:
        "Vote-escrow governance analytics (default profile: Bedrock BR / veBR). Amounts are decimal strings of base units (BR: 18 decimals, BTC: 8); shares are numbers in [0, 1]; timestamps are unix seconds; an epoch is 1209600 s. The same data is available over GraphQL at /graphql.",
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    paths,
    components: { schemas: { Error: schemaOf(ErrorBody, "output") } },
  };
}
