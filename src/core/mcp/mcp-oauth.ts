import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { registerSecret } from '../secrets/secret-values';
import type { McpStore } from './mcp-store';

/**
 * OAuth for HTTP servers that ask for it, the SDK's way: the SDK discovers the server's authorization server,
 * registers Aura as a client (dynamic registration), builds the sign-in address with PKCE and exchanges the
 * code; this provider only keeps what it is given (in the database, as secrets) and receives the code on a
 * loopback address (RFC 8252). The user opens the sign-in address from the Plugins page or `aura mcp list`.
 */
export class McpOAuthProvider implements OAuthClientProvider {
  /** The sign-in address the SDK asked the user to open, until the flow ends. */
  authorizationUrl: string | null = null;
  private flowState: string | null = null;

  constructor(
    private readonly server: string,
    private readonly store: McpStore,
    private readonly callbacks: OAuthCallbacks,
  ) {
    const saved = store.oauth(server);
    for (const text of [saved?.tokens, saved?.client_information]) if (text) registerSecrets(text);
  }

  get redirectUrl(): string {
    return this.callbacks.url();
  }

  get clientMetadata(): OAuthClientMetadata {
    return { client_name: 'Aura Work', redirect_uris: [this.redirectUrl], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' };
  }

  state(): string {
    this.flowState = randomBytes(24).toString('hex');
    this.callbacks.expect(this.flowState, this.server);
    return this.flowState;
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    const text = this.store.oauth(this.server)?.client_information;
    if (!text) return undefined;
    const info = JSON.parse(text) as OAuthClientInformationMixed & { redirect_uris?: string[] };
    // Registered for another loopback port (an earlier run): register again rather than be refused.
    if (info.redirect_uris && !info.redirect_uris.includes(this.redirectUrl)) return undefined;
    return info;
  }

  saveClientInformation(info: OAuthClientInformationMixed): void {
    const text = JSON.stringify(info);
    registerSecrets(text);
    this.store.saveOAuth(this.server, 'client_information', text);
  }

  tokens(): OAuthTokens | undefined {
    const text = this.store.oauth(this.server)?.tokens;
    return text ? (JSON.parse(text) as OAuthTokens) : undefined;
  }

  saveTokens(tokens: OAuthTokens): void {
    const text = JSON.stringify(tokens);
    registerSecrets(text);
    this.store.saveOAuth(this.server, 'tokens', text);
    this.authorizationUrl = null;
  }

  redirectToAuthorization(url: URL): void {
    this.authorizationUrl = url.toString();
  }

  saveCodeVerifier(verifier: string): void {
    this.store.saveOAuth(this.server, 'code_verifier', verifier);
  }

  codeVerifier(): string {
    const verifier = this.store.oauth(this.server)?.code_verifier;
    if (!verifier) throw new Error('No sign-in is under way for this server.');
    return verifier;
  }

  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): void {
    if (scope === 'all' || scope === 'client') this.store.saveOAuth(this.server, 'client_information', null);
    if (scope === 'all' || scope === 'tokens') this.store.saveOAuth(this.server, 'tokens', null);
    if (scope === 'all' || scope === 'verifier') this.store.saveOAuth(this.server, 'code_verifier', null);
  }
}

/** The secrets of saved OAuth state (tokens, a client secret) are registered for redaction; its addresses and ids are not. */
function registerSecrets(text: string): void {
  const saved = JSON.parse(text) as Record<string, unknown>;
  for (const field of ['access_token', 'refresh_token', 'id_token', 'client_secret']) if (typeof saved[field] === 'string') registerSecret(saved[field]);
}

/**
 * The loopback address sign-in pages send the user back to: `http://127.0.0.1:<port>/callback?code&state`.
 * Started with the first HTTP server; a code counts only with the `state` of a flow this host began.
 */
export class OAuthCallbacks {
  private server: Server | null = null;
  private port = 0;
  private readonly flows = new Map<string, string>();

  constructor(private readonly onCode: (server: string, code: string) => Promise<void>) {}

  async listen(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => void this.handle(req.url ?? '/', req.headers.host, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
  }

  url(): string {
    return `http://127.0.0.1:${this.port}/callback`;
  }

  expect(state: string, server: string): void {
    this.flows.set(state, server);
  }

  close(): void {
    this.server?.close();
    this.server?.closeAllConnections();
    this.server = null;
  }

  private async handle(path: string, host: string | undefined, res: ServerResponse): Promise<void> {
    const page = (status: number, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
      res.end(text);
    };
    const url = new URL(path, `http://127.0.0.1:${this.port}`);
    if (host !== `127.0.0.1:${this.port}` || url.pathname !== '/callback') return page(404, 'Not found.');
    const state = url.searchParams.get('state') ?? '';
    const server = this.flows.get(state);
    const code = url.searchParams.get('code');
    if (!server) return page(400, 'This sign-in is not one Aura Work started, or it was used already.');
    this.flows.delete(state);
    if (!code) return page(400, `The sign-in was not completed: ${url.searchParams.get('error_description') ?? url.searchParams.get('error') ?? 'no code'}.`);
    try {
      await this.onCode(server, code);
      page(200, `Aura Work is signed in to ${server}. You can close this tab.`);
    } catch (err) {
      page(502, `Aura Work could not finish signing in to ${server}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
