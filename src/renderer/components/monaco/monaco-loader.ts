// Monaco reads its environment (monaco-environment.ts) as its modules load: MonacoDiff imports that module,
// and only then this chunk, as two dynamic imports, so no bundler's ordering of modules can put it after.
import * as monaco from 'monaco-editor/editor/editor.api.js';
// The diff editor's icons (codicons), and syntax colouring for every language Monaco knows, each grammar
// loaded when a file of its language is first shown.
import 'monaco-editor/features/codicon/register.js';
import 'monaco-editor/languages/definitions/register.all.js';

/** Monaco's API, for the lazily loaded editor components; importing this module is what loads Monaco. */
export { monaco };
