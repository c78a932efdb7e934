import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';

/**
 * The official Magicline Open API spec (OpenAPI 3.1, shared by PerfectGym Next)
 * as a judge: is this request one the API declares (path, method, query
 * parameters, body), and is this answer one it may give (status, body schema)?
 * Schemas are checked with ajv's JSON Schema 2020-12 dialect, the one OpenAPI 3.1 uses.
 */

interface SpecParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}
interface SpecMedia {
  schema?: JsonSchema;
}
interface SpecOperation {
  parameters?: SpecParameter[];
  requestBody?: { content?: Record<string, SpecMedia>; required?: boolean };
  responses: Record<string, { content?: Record<string, SpecMedia> }>;
}
type JsonSchema = Record<string, unknown>;
interface OpenApiDocument {
  paths: Record<string, Record<string, SpecOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export interface SpecRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface SpecAnswer {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

/** A copy of the published spec lives in test/fixtures/specs; MAGICLINE_OPENAPI_SPEC points elsewhere. */
export const specPath =
  process.env.MAGICLINE_OPENAPI_SPEC ?? fileURLToPath(new URL('../fixtures/specs/magicline-openapi.json', import.meta.url));

const documentId = 'https://classdesk.test/magicline-openapi.json';
const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export class SportAllianceSpec {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; pattern: RegExp; literal: number }[];

  constructor(private readonly document: OpenApiDocument) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // The spec's own examples carry a zone after the offset (`…+02:00[Europe/Berlin]`,
    // RFC 9557); its `date-time` is RFC 3339 optionally followed by that suffix.
    const rfc3339 = (fullFormats['date-time'] as { validate: (value: string) => boolean }).validate;
    this.ajv.addFormat('date-time', { type: 'string', validate: (value: string) => rfc3339(value.replace(/\[[A-Za-z0-9_+\-/]+\]$/, '')) });
    this.ajv.addFormat('ISO 3166-1', /^[A-Z]{2}$/);
    this.ajv.addFormat('ISO 639-1', /^[a-z]{2}$/);
    this.ajv.addFormat('ISO 4217', /^[A-Z]{3}$/);
    this.ajv.addSchema({ $id: documentId, components: document.components });
    this.templates = Object.keys(document.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
      literal: template.split('/').filter((segment) => segment && !segment.startsWith('{')).length,
    }));
  }

  static load(path = specPath): SportAllianceSpec {
    return new SportAllianceSpec(JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument);
  }

  /** The spec path of a concrete path; literal segments win (/v1/classes/booking/book is not a booking id). */
  templateOf(path: string): string | undefined {
    return this.templates.filter(({ pattern }) => pattern.test(path)).sort((a, b) => b.literal - a.literal)[0]?.template;
  }

  /** What is wrong with a request, in words; empty when the spec declares all of it. */
  checkRequest(request: SpecRequest): string[] {
    const where = `${request.method} ${request.path}`;
    const found = this.operation(request.method, request.path);
    if (typeof found === 'string') return [`${where}: ${found}`];
    const { template, operation } = found;
    const problems: string[] = [];
    const parameters = operation.parameters ?? [];
    const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
    const values = new RegExp(`^${template.replace(/\{\w+\}/g, '([^/]+)')}$`).exec(request.path)?.slice(1) ?? [];
    names.forEach((name, index) => {
      const declared = parameters.find((p) => p.in === 'path' && p.name === name);
      if (!declared) problems.push(`${where}: path parameter ${name} is not declared`);
      else problems.push(...this.checkValue(`${where}: path parameter ${name}`, declared.schema, decodeURIComponent(values[index] ?? '')));
    });
    for (const [name, value] of request.query) {
      const declared = parameters.find((p) => p.in === 'query' && p.name === name);
      if (!declared) problems.push(`${where}: query parameter ${name} is not declared`);
      else problems.push(...this.checkValue(`${where}: query parameter ${name}`, declared.schema, value));
    }
    for (const required of parameters.filter((p) => p.in === 'query' && p.required)) {
      if (!request.query.has(required.name)) problems.push(`${where}: required query parameter ${required.name} is missing`);
    }
    const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
    if (bodySchema) problems.push(...this.validate(`${where}: body`, bodySchema, request.body));
    else if (request.body !== undefined) problems.push(`${where}: sends a body the spec does not declare`);
    return problems;
  }

  /** What is wrong with an answer, in words; empty when the spec allows it. */
  checkAnswer(answer: SpecAnswer): string[] {
    const where = `${answer.method} ${answer.path} → ${answer.status}`;
    const found = this.operation(answer.method, answer.path);
    if (typeof found === 'string') return [`${where}: ${found}`];
    const response = found.operation.responses[String(answer.status)] ?? found.operation.responses.default;
    if (!response) return [`${where}: status ${answer.status} is not declared`];
    if (answer.method === 'HEAD') return [];
    const schema = response.content?.['application/json']?.schema ?? response.content?.['*/*']?.schema;
    if (!schema) return answer.body === undefined ? [] : [`${where}: the spec declares no body, but one was sent`];
    return this.validate(where, schema, answer.body);
  }

  private operation(method: string, path: string): { template: string; operation: SpecOperation } | string {
    const template = this.templateOf(path);
    if (!template) return 'the path is not in the spec';
    const operations = this.document.paths[template] ?? {};
    // HEAD is GET without a body (RFC 9110); the API documents HEAD as the way to check a key.
    const name = method.toLowerCase() === 'head' && !operations.head ? 'get' : method.toLowerCase();
    const operation = methods.includes(name) ? operations[name] : undefined;
    return operation ? { template, operation } : `${method} is not declared for ${template}`;
  }

  private checkValue(where: string, schema: JsonSchema | undefined, text: string): string[] {
    if (!schema) return [];
    const type = this.resolve(schema).type;
    const value = type === 'integer' || type === 'number' ? (text.trim() === '' ? Number.NaN : Number(text)) : type === 'boolean' ? text === 'true' ? true : text === 'false' ? false : text : text;
    return this.validate(where, schema, value);
  }

  private resolve(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref;
    if (typeof ref !== 'string') return schema;
    return this.document.components.schemas[ref.replace('#/components/schemas/', '')] ?? schema;
  }

  private validate(where: string, schema: JsonSchema, value: unknown): string[] {
    const key = JSON.stringify(schema);
    let validator = this.validators.get(key);
    if (!validator) {
      validator = this.ajv.compile(anchored(schema));
      this.validators.set(key, validator);
    }
    if (validator(value)) return [];
    return (validator.errors ?? []).map((error) => `${where}: ${error.instancePath || '(root)'} ${error.message ?? 'is not valid'}`);
  }
}

/** Points the operation's local `#/components/…` refs at the components document added to ajv. */
function anchored(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${documentId}#/components/`)) as JsonSchema;
}
