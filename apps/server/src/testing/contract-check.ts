import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../api-docs/openapi-document';
import type { JsonObject } from '../api-docs/json-schema';

type Document = ReturnType<typeof openApiDocument>;
interface MediaType {
  schema?: JsonObject;
}
interface ResponseObject {
  $ref?: string;
  content?: Record<string, MediaType>;
}

/** `2026-12-06 14:29:24.512+00`: a time as Postgres prints it (RFC 3339 wants `T` and `+00:00`). */
const POSTGRES_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}$/;

/** The JSON pointers of every string in a body that is a time in Postgres text. */
function postgresTimesIn(value: unknown, at = ''): string[] {
  if (typeof value === 'string') return POSTGRES_TIME.test(value) ? [at || '/'] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => postgresTimesIn(inner, `${at}/${key}`));
}

/** The operation a request reached: its path template in the document and its method. */
interface Reached {
  path: string;
  method: string;
  responses: Record<string, ResponseObject>;
}

/**
 * Checks every answer of the in-process app against the API document: the status is one the
 * operation lists, the media type is the one it declares, and a JSON body matches the schema
 * of that operation and status (JSON Schema 2020-12).
 */
export class ContractCheck {
  private readonly doc: Document;
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: { path: string; pattern: RegExp; params: number }[];

  /** The check of the document of `app` (any app assembled by `createApp`: the routes are the same). */
  constructor(app: Parameters<typeof openApiDocument>[0]) {
    this.doc = openApiDocument(app);
    addFormats(this.ajv);
    this.templates = Object.keys(this.doc.paths)
      .map((path) => ({
        path,
        pattern: new RegExp(`^${path.replace(/\./g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
        params: (path.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.params - b.params);
  }

  /** The mismatches of one answer, each naming the operation, status and field; [] when it keeps the contract. */
  async mismatchesOf(method: string, url: string, res: Response): Promise<string[]> {
    const reached = this.operationOf(method, new URL(url, 'http://hub').pathname);
    if (!reached || res.status >= 500) return [];
    const where = `${method.toUpperCase()} ${reached.path} answered ${res.status}`;
    const answer = this.responseOf(reached.responses[String(res.status)]);
    if (!answer) return [`${where}, a status the document does not list for it`];
    // A 204 has no body and no media type.
    if (res.status === 204 && !answer.content) return [];
    const mediaType = res.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
    const declared = answer.content ?? {};
    if (!(mediaType in declared)) {
      return [`${where} as ${mediaType}; the document says ${Object.keys(declared).join(', ')}`];
    }
    const schema = declared[mediaType]?.schema;
    if (mediaType !== 'application/json') return [];
    const body: unknown = await res.clone().json();
    const postgresTimes = postgresTimesIn(body).map(
      (at) => `${where}: body${at} is Postgres text, not an RFC 3339 time`,
    );
    if (!schema) return postgresTimes;
    const validate = this.validatorOf(`${method} ${reached.path} ${res.status}`, schema);
    if (validate(body)) return postgresTimes;
    return [
      ...postgresTimes,
      ...(validate.errors ?? []).map(
        (e) =>
          `${where}: body${e.instancePath || '/'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`,
      ),
    ];
  }

  private operationOf(method: string, pathname: string): Reached | undefined {
    const verb = method.toLowerCase();
    for (const { path, pattern } of this.templates) {
      const op = this.doc.paths[path]?.[verb] as { responses: Reached['responses'] } | undefined;
      if (op && pattern.test(pathname)) return { path, method: verb, responses: op.responses };
    }
    return undefined;
  }

  /** A response object, following a `#/components/responses/…` reference and the Error schema in it. */
  private responseOf(answer: ResponseObject | undefined): ResponseObject | undefined {
    const resolved = answer?.$ref ? (this.pointer(answer.$ref) as ResponseObject) : answer;
    if (!resolved?.content) return resolved;
    const content = Object.fromEntries(
      Object.entries(resolved.content).map(([type, media]) => {
        const ref = media.schema?.$ref;
        return [type, typeof ref === 'string' ? { schema: this.pointer(ref) } : media];
      }),
    );
    return { content };
  }

  private pointer(ref: string): JsonObject {
    let node: unknown = this.doc;
    for (const key of ref.replace(/^#\//, '').split('/')) node = (node as JsonObject)[key];
    return node as JsonObject;
  }

  private validatorOf(key: string, schema: JsonObject): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.validators.set(key, validate);
    }
    return validate;
  }
}
