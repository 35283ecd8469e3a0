import { SCOPE_LABEL_KEYS } from '../shared/scope-labels';
import { MAX_INSTRUCTION, POPUP_PORT_NAME, Port, WorkerMessage, type PopupCommand, type PopupView, type ProblemKind, type SendMode } from './messages';
import { createTranslator, PROBLEM_KEYS } from './popup-i18n';
import { pickTargetTab } from './target-tab';

// The popup shows the views the service worker sends and sends it commands; it holds no token and calls
// nothing itself. Every text goes through textContent: nothing from a page or the app becomes markup.

const { t, language, dir } = createTranslator(chrome.i18n.getUILanguage());
document.documentElement.lang = language;
document.documentElement.dir = dir;
document.title = t('title');
for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = t(node.dataset.i18n ?? '');

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`popup.html has no #${id}`);
  return node as T;
}

/** Kinds where the app's (or Chrome's) own words add something to ours. */
const WITH_DETAIL: readonly ProblemKind[] = ['forbidden', 'rejected', 'page-unreadable', 'internal'];
const MAX_RECONNECTS = 3;
const LINK_PROBLEMS: readonly ProblemKind[] = ['unreachable', 'not-aura'];

/** A problem the popup found itself (no tab, a silent worker) or the worker sent. */
type ShownProblem = { kind: ProblemKind | 'worker'; message?: string; hint?: string };
let port: chrome.runtime.Port | null = null;
let view: PopupView | null = null;
let localProblem: ShownProblem | null = null;
let portError = false;
let reconnects = 0;
const timeFormat = new Intl.DateTimeFormat(language, { timeStyle: 'short' });

function connect(): chrome.runtime.Port {
  const opened = chrome.runtime.connect({ name: POPUP_PORT_NAME });
  port = opened;
  opened.onMessage.addListener((message: unknown) => {
    const parsed = WorkerMessage.safeParse(message);
    if (!parsed.success) return showLocal('internal');
    reconnects = 0;
    view = parsed.data.view;
    render();
  });
  opened.onDisconnect.addListener(() => {
    port = null;
    // Chrome stops an idle worker, which closes the port: connect again (that starts it), a few times in a row at most.
    if (reconnects++ < MAX_RECONNECTS) connect();
    else showLocal('worker');
  });
  opened.postMessage({ type: 'hello' } satisfies PopupCommand);
  return opened;
}

function send(command: PopupCommand): void {
  localProblem = null;
  (port ?? connect()).postMessage(command);
  render();
}

function showLocal(kind: ShownProblem['kind']): void {
  localProblem = { kind };
  render();
}

function render(): void {
  if (!view) return renderProblem(localProblem, null);
  const current = view;
  const reachable = byId('reachable');
  reachable.dataset.reachable = String(current.reachable);
  reachable.textContent = t(current.reachable === null ? 'reachable.unknown' : current.reachable ? 'reachable.yes' : 'reachable.no');

  const portInput = byId<HTMLInputElement>('port');
  if (document.activeElement !== portInput && !portError) portInput.value = String(current.port);
  byId('port-help').textContent = t(portError ? 'connection.portInvalid' : 'connection.portHelp');
  portInput.setAttribute('aria-invalid', String(portError));

  // A revoked token is said once, by the pairing card that offers to pair again.
  const revokedShown = current.pairing.status === 'failed' && current.problem?.kind === 'unauthorized';
  renderProblem(localProblem ?? (revokedShown ? null : current.problem), current.port);
  // Nothing (or not Aura Work) answers on the port: the port is the first thing to check.
  if (current.problem && LINK_PROBLEMS.includes(current.problem.kind)) byId<HTMLDetailsElement>('connection').open = true;
  renderPairing(current);

  const paired = current.pairing.status === 'paired';
  byId('send').hidden = !paired;
  const sendPage = byId<HTMLButtonElement>('send-page');
  sendPage.textContent = t(current.sending ? 'send.sending' : 'send.page');
  sendPage.disabled = current.sending;
  byId<HTMLButtonElement>('send-selection').disabled = current.sending;
  renderTask(current);

  byId('paired-block').hidden = !paired;
  if (current.pairing.status === 'paired') {
    const scopes = current.pairing.scopes.map((scope) => t(`bridgeScopes.${SCOPE_LABEL_KEYS[scope]}.label`));
    byId('paired-scopes').textContent = t('connection.scopes', { scopes: scopes.join(', ') });
  }
}

function renderProblem(problem: ShownProblem | null, portNumber: number | null): void {
  const box = byId('problem');
  box.hidden = problem === null;
  if (!problem) return;
  box.dataset.kind = problem.kind;
  const key = PROBLEM_KEYS[problem.kind];
  byId('problem-message').textContent = t(`problem.${key}.message`, { port: portNumber ?? '' });
  byId('problem-hint').textContent = problem.hint ?? t(`problem.${key}.hint`);
  const detail = problem.kind !== 'worker' && WITH_DETAIL.includes(problem.kind) ? (problem.message ?? '') : '';
  byId('problem-detail').textContent = detail;
  byId('problem-detail').hidden = detail === '';
}

function renderPairing(current: PopupView): void {
  const pairing = current.pairing;
  const card = byId('pairing');
  card.hidden = pairing.status === 'paired';
  card.dataset.status = pairing.status;
  const text =
    pairing.status === 'failed' ? `pairing.failed.${pairing.reason}` : pairing.status === 'waiting' ? 'pairing.waiting' : pairing.status === 'requesting' ? 'pairing.requesting' : 'pairing.intro';
  byId('pairing-text').textContent = t(text);

  const code = byId('pair-code');
  code.hidden = pairing.status !== 'waiting';
  code.textContent = pairing.status === 'waiting' ? pairing.code : '';
  const expires = byId('pair-expires');
  expires.hidden = pairing.status !== 'waiting';
  if (pairing.status === 'waiting') expires.textContent = t('pairing.expires', { time: formatTime(pairing.expiresAt) });
  const detail = byId('pairing-detail');
  const words = pairing.status === 'failed' ? [pairing.message, pairing.hint].filter(Boolean).join(' ') : '';
  detail.hidden = words === '';
  detail.textContent = words;

  const start = byId<HTMLButtonElement>('pair-start');
  start.hidden = pairing.status === 'waiting';
  start.disabled = pairing.status === 'requesting';
  start.textContent = t(pairing.status === 'failed' ? 'pairing.again' : 'pairing.start');
  byId('pair-cancel').hidden = pairing.status !== 'waiting';
}

function renderTask(current: PopupView): void {
  const task = current.task;
  byId('task').hidden = task === null;
  if (!task) return;
  byId('task').dataset.taskId = task.id;
  byId('task-goal').textContent = task.goal;
  const status = byId('task-status');
  status.textContent = t(`task.status.${task.status}`);
  status.dataset.status = task.status;
  const error = byId('task-error');
  error.hidden = task.error === null;
  error.textContent = task.error ? [task.error.message, task.error.hint].filter(Boolean).join(' ') : '';

  const steps = task.steps.map((step) => {
    const item = document.createElement('li');
    item.dataset.status = step.status;
    item.textContent = `${step.title} · ${t(`task.step.${step.status}`)}`;
    return item;
  });
  if (steps.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'muted';
    empty.textContent = t('task.noPlan');
    steps.push(empty);
  }
  byId('task-steps').replaceChildren(...steps);

  byId('approvals-block').hidden = current.approvals.length === 0;
  byId('approvals').replaceChildren(
    ...current.approvals.map((approval) => {
      const item = document.createElement('li');
      item.className = 'approval';
      item.dataset.testid = 'approval';
      item.dataset.toolCallId = approval.id;
      const title = document.createElement('p');
      title.textContent = t('task.approval', { name: approval.name }) + (approval.risk ? ` (${t(`task.risk.${approval.risk}`)})` : '');
      const input = document.createElement('code');
      input.dir = 'ltr';
      input.textContent = approval.input;
      const row = document.createElement('div');
      row.className = 'row';
      const busy = current.answering.includes(approval.id);
      row.append(answerButton(approval.id, true, busy), answerButton(approval.id, false, busy));
      item.append(title, input, row);
      return item;
    }),
  );
}

function answerButton(toolCallId: string, approve: boolean, busy: boolean): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = approve ? 'button button--primary' : 'button';
  button.dataset.testid = approve ? 'approval-allow' : 'approval-deny';
  button.textContent = t(approve ? 'task.allow' : 'task.deny');
  button.disabled = busy;
  button.addEventListener('click', () => send({ type: 'approval.answer', toolCallId, decision: approve ? 'once' : 'deny' }));
  return button;
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date);
}

async function sendPage(mode: SendMode): Promise<void> {
  // As the toolbar popup there is no tab of our own; opened in a tab, the page is the tab used before it.
  const own = await chrome.tabs.getCurrent();
  const tabId = pickTargetTab(await chrome.tabs.query({ currentWindow: true }), own?.id ?? null);
  if (tabId === null) return showLocal('no-tab');
  const instruction = byId<HTMLTextAreaElement>('instruction').value.trim().slice(0, MAX_INSTRUCTION);
  send({ type: 'page.send', tabId, mode, instruction });
}

byId<HTMLTextAreaElement>('instruction').placeholder = t('send.placeholder');
byId('pair-start').addEventListener('click', () => send({ type: 'pair.start' }));
byId('pair-cancel').addEventListener('click', () => send({ type: 'pair.cancel' }));
byId('unpair').addEventListener('click', () => send({ type: 'pair.cancel' }));
byId('send-page').addEventListener('click', () => void sendPage('page'));
byId('send-selection').addEventListener('click', () => void sendPage('selection'));
byId('task-refresh').addEventListener('click', () => send({ type: 'task.refresh' }));
byId('task-forget').addEventListener('click', () => send({ type: 'task.forget' }));
byId('port').addEventListener('input', () => {
  portError = false;
});
byId<HTMLFormElement>('port-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = byId<HTMLInputElement>('port').value.trim();
  const parsed = Port.safeParse(/^\d+$/.test(text) ? Number(text) : Number.NaN);
  portError = !parsed.success;
  if (parsed.success) send({ type: 'port.set', port: parsed.data });
  else render();
});

connect();
