import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { InputCheck } from './mcp-tools';

/**
 * What the MCP service loads with its first server, in one piece: the SDK (most of a second to load) and
 * what is built on it. Nothing else imports the SDK at run time, so one copy of it is loaded.
 */
export { McpConnection } from './mcp-connection';
export { mcpToolDefinition } from './mcp-tools';

const ajv = new AjvJsonSchemaValidator();

/** A tool's input check from its JSON Schema; a schema ajv cannot compile only checks that the input is an object. */
export function inputCheck(schema: Record<string, unknown>): InputCheck {
  try {
    const validate = ajv.getValidator(schema as never);
    return (input) => {
      const result = validate(input);
      return result.valid ? { valid: true } : { valid: false, errorMessage: result.errorMessage };
    };
  } catch {
    return (input) => (typeof input === 'object' && input !== null && !Array.isArray(input) ? { valid: true } : { valid: false, errorMessage: 'the input must be an object' });
  }
}
