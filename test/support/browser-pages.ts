import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local pages for the browser tests and bench, served on 127.0.0.1: an article, a form, a page that
 * never finishes loading, popups, a page whose script reaches for file:, cookies, a download, and a
 * page that probes another local server (a private address of another origin).
 */
export interface BrowserPages {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  /** Requests that reached the server, by path (with the query). */
  hits: string[];
  close(): Promise<void>;
}

const ARTICLE_PARAGRAPHS = [
  'Aura Work reads this page through its own browser worker. The worker runs Chromium, isolates each task in a context of its own, and refuses local files.',
  'Readability picks the main text of a page, like this paragraph, and leaves menus, footers and sidebars out; turndown then writes it as markdown for the agent.',
  'A third paragraph makes the article long enough to count as one: the marker word for the tests is PELICAN-42, and it must come back in the readable text.',
];

const html = (title: string, body: string, head = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;

function page(path: string, probeOrigin: string): { status?: number; headers?: Record<string, string>; body: string } | null {
  switch (path) {
    case '/page.html':
      return {
        body: html(
          'Aura test page',
          `<nav><a href="/">Home</a> · <a href="/about">About</a></nav>
           <article><h1>The browser worker</h1>${ARTICLE_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}
           <h2>Next</h2><p>Go on to <a href="/second.html">the second page</a>.</p></article>
           <footer>Footer text that Readability drops</footer>`,
        ),
      };
    case '/second.html':
      return { body: html('Second page', '<h1>Second page</h1><p>You reached the second page: OSPREY-7.</p><p><a href="/page.html">Back</a></p>') };
    case '/form.html':
      return {
        body: html(
          'Order form',
          `<h1>Order</h1>
           <form id="order"><label>Name <input name="name" type="text"></label>
           <label>Colour <select name="colour"><option value="r">Red</option><option value="g">Green</option><option value="b">Blue</option></select></label>
           <label><input type="checkbox" name="gift"> Gift wrap</label>
           <button type="submit">Send order</button></form>
           <p id="result"></p>
           <form action="/result" method="get"><label>Search <input name="q" type="search"></label><button>Search</button></form>
           <script>
             document.getElementById('order').addEventListener('submit', function (e) {
               e.preventDefault();
               var f = e.target;
               var colour = f.colour.options[f.colour.selectedIndex].text;
               setTimeout(function () { document.getElementById('result').textContent = 'Thanks, ' + f.name.value + '! ' + colour + (f.gift.checked ? ', gift wrapped.' : '.'); }, 100);
             });
           </script>`,
        ),
      };
    case '/popup.html':
      return {
        body: html(
          'Popup opener',
          `<h1>Popups</h1><button onclick="window.open('/second.html', '_blank')">Open popup</button>
           <a href="/page.html" target="_blank">Open in a new tab</a>`,
        ),
      };
    case '/evil.html':
      // Every way a page's script might reach a local file; the page writes down what happened.
      return {
        body: html(
          'Evil page',
          `<h1>Evil page</h1><p id="out">pending</p><iframe src="file:///etc/passwd"></iframe>
           <script>
             var results = [];
             function done(what) { results.push(what); document.getElementById('out').textContent = results.join('; '); }
             fetch('file:///etc/passwd').then(function (r) { return r.text(); }).then(function (t) { done('fetch read ' + t.slice(0, 40)); }, function () { done('fetch failed'); });
             var x = new XMLHttpRequest();
             try { x.open('GET', 'file:///etc/passwd'); x.onload = function () { done('xhr read ' + x.responseText.slice(0, 40)); }; x.onerror = function () { done('xhr failed'); }; x.send(); } catch (e) { done('xhr threw'); }
             try { var w = window.open('file:///etc/passwd'); done(w ? 'window opened' : 'window refused'); } catch (e) { done('window threw'); }
             setTimeout(function () { location.href = 'file:///etc/passwd'; }, 50);
           </script>`,
        ),
      };
    case '/long.html':
      return { body: html('Long page', `<article><h1>Long</h1>${Array.from({ length: 800 }, (_, i) => `<p>Paragraph ${i}: ${'lorem ipsum dolor sit amet '.repeat(4)}</p>`).join('')}<p>THE-END-MARKER</p></article>`) };
    case '/probe.html':
      // A page on this origin that reaches for another local server: a private address it was not opened at.
      return {
        body: html(
          'Probe',
          `<h1>Probe</h1><p id="probe">probing</p>
           <script>
             fetch('${probeOrigin}/secret.txt').then(function (r) { return r.text(); }).then(function (t) { document.getElementById('probe').textContent = 'probe read: ' + t; }, function () { document.getElementById('probe').textContent = 'probe blocked'; });
           </script>`,
        ),
      };
    case '/later.html':
      return { body: html('Later', '<h1>Later</h1><p id="slot"></p><script>setTimeout(function () { document.getElementById("slot").innerHTML = "<button>Appeared</button>"; }, 300);</script>') };
    case '/animated.html':
      // Changes every animation frame: the live view always has a new frame to send.
      return { body: html('Animated', '<h1 id="n">0</h1><script>var n = 0; (function tick() { document.getElementById("n").textContent = String(++n); requestAnimationFrame(tick); })();</script>') };
    case '/download':
      return { headers: { 'content-type': 'text/plain', 'content-disposition': 'attachment; filename="report.txt"' }, body: 'downloaded report body\n' };
    case '/secret.txt':
      return { headers: { 'content-type': 'text/plain', 'access-control-allow-origin': '*' }, body: 'SECRET-FROM-PRIVATE-ORIGIN' };
    default:
      return null;
  }
}

function serve(handle: (req: IncomingMessage, res: ServerResponse, origin: string) => void): Promise<{ server: Server; port: number; origin: string }> {
  return new Promise((resolve) => {
    const server = createServer((req, res) => handle(req, res, `http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, port, origin: `http://127.0.0.1:${port}` });
    });
  });
}

/** Starts the page server, and a second local server (another origin) the probe page reaches for. */
export async function startBrowserPages(): Promise<BrowserPages> {
  const hits: string[] = [];
  const open = new Set<ServerResponse>();
  // The other origin: `localhost` rather than 127.0.0.1, on a port of its own.
  const other = await serve((req, res, origin) => {
    hits.push(`other:${req.url}`);
    const found = page(new URL(req.url ?? '/', origin).pathname, origin);
    res.writeHead(found ? 200 : 404, found?.headers ?? { 'content-type': 'text/html' }).end(found?.body ?? 'not found');
  });
  const probeOrigin = `http://localhost:${other.port}`;
  const main = await serve((req, res, origin) => {
    hits.push(req.url ?? '/');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/never') {
      // The head and the start of the body, then nothing: the page never finishes loading.
      open.add(res);
      res.on('close', () => open.delete(res));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write(`<!doctype html><html><head><title>Never finishes</title></head><body><h1>Partial page</h1><p>${'This part arrived: HERON-9. '.repeat(20)}</p>`);
      return;
    }
    if (url.pathname === '/cookie/set') {
      const value = url.searchParams.get('v') ?? 'none';
      res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': `aura=${value}; Path=/; SameSite=Lax` }).end(html('Cookie set', `<p>cookie set to ${value}</p>`));
      return;
    }
    if (url.pathname === '/cookie/show') {
      const cookie = /(?:^|;\s*)aura=([^;]*)/.exec(req.headers.cookie ?? '')?.[1] ?? 'none';
      res.writeHead(200, { 'content-type': 'text/html' }).end(html('Cookie', `<p>cookie is ${cookie}</p>`));
      return;
    }
    if (url.pathname === '/result') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(html('Results', `<h1>Results for ${url.searchParams.get('q')?.replace(/[<&]/g, '') ?? ''}</h1>`));
      return;
    }
    const found = page(url.pathname, probeOrigin);
    res.writeHead(found?.status ?? (found ? 200 : 404), found?.headers ?? { 'content-type': 'text/html; charset=utf-8' }).end(found?.body ?? 'not found');
  });
  return {
    origin: main.origin,
    port: main.port,
    hits,
    async close() {
      for (const res of open) res.destroy();
      await Promise.all([main.server, other.server].map((server) => new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })));
    },
  };
}
