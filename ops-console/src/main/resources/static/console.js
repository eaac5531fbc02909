// The ops console's dashboard: reads /api/overview every two seconds and draws it; the runbook panel drives
// /api/plans and /api/executions and follows an execution's server-sent events. No framework, no build step.
'use strict';

const POLL_MILLIS = 2000;
const STEP_OUTCOMES = { STEP_STARTED: 'RUNNING', STEP_DONE: 'DONE', STEP_FAILED: 'FAILED' };
const state = { overview: null, plan: null, following: null, scopeDrawn: false };

const $ = (id) => document.getElementById(id);

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null && child !== undefined)
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

// Spring Security's CSRF token, when the console sets one: every request that changes something carries it.
function csrfHeaders() {
  const match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
  return match ? { 'X-XSRF-TOKEN': decodeURIComponent(match[1]) } : {};
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json', ...(method === 'GET' ? {} : csrfHeaders()) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.redirected && new URL(response.url).pathname === '/login') {
    window.location.assign('/login');
    throw new Error('signed out');
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = { detail: text }; }
  if (!response.ok) {
    const problem = json || {};
    const error = new Error(problem.detail || problem.title || ('HTTP ' + response.status));
    error.status = response.status;
    error.problem = problem;
    throw error;
  }
  return { status: response.status, body: json, location: response.headers.get('Location') };
}

function since(iso) {
  if (!iso) return '';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return new Date(iso).toLocaleTimeString() + ' (' + seconds + ' s ago)';
}

function millis(value) {
  if (value === null || value === undefined) return '–';
  return value >= 10000 ? (value / 1000).toFixed(1) + ' s' : value + ' ms';
}

// ---- the picture of the platform -------------------------------------------------------------------------------

async function poll() {
  try {
    const { body } = await api('GET', '/api/overview');
    state.overview = body;
    $('console-status').classList.add('hidden');
    draw(body);
  } catch (e) {
    const status = $('console-status');
    status.textContent = 'the console did not answer: ' + e.message + ' (showing the last sample)';
    status.classList.remove('hidden');
  } finally {
    setTimeout(poll, POLL_MILLIS);
  }
}

function draw(overview) {
  $('sampled').textContent = 'sampled ' + new Date(overview.sampledAt).toLocaleTimeString();
  if (!state.scopeDrawn) drawScope(overview);
  drawApps(overview);
  drawRegions(overview);
  drawFlow(overview);
  drawAlerts(overview.alerts);
  drawGenerator(overview);
  drawHistory(overview.executions);
  followRunningExecution(overview.executions);
}

/** The runbook's choices, once: the apps and regions the console knows. */
function drawScope(overview) {
  const apps = $('runbook-apps');
  const regions = overview.regions.map((r) => r.name);
  for (const app of overview.apps) {
    apps.append(el('label', {}, el('input', {
      type: 'checkbox', value: app.app, checked: true, id: 'runbook-app-' + app.app,
      'data-testid': 'runbook-app-' + app.app,
    }), ' ' + app.app));
    $('reconcile-app').append(el('option', { value: app.app, text: app.app }));
  }
  for (const region of regions) {
    $('runbook-source').append(el('option', { value: region, text: region }));
    $('runbook-target').append(el('option', { value: region, text: region }));
    $('reconcile-region').append(el('option', { value: region, text: region }));
  }
  // Preselect the usual move: from where the first app is active to the other region.
  const active = overview.apps[0] && overview.apps[0].activeRegions[0];
  if (active) {
    $('runbook-source').value = active;
    $('runbook-target').value = regions.find((r) => r !== active) || active;
  }
  state.scopeDrawn = true;
}

function drawApps(overview) {
  const container = $('apps');
  container.replaceChildren(...overview.apps.map((app) => {
    // Mid-rotation no region has both controls On: say what still runs where.
    const processing = app.controls.filter((c) => c.kind === 'processing' && c.on).map((c) => c.region);
    const active = app.activeRegions.length === 1 ? app.activeRegions[0]
      : app.activeRegions.length > 1 ? app.activeRegions.join(' and ')
        : processing.length ? 'no inbound (processing in ' + processing.join(', ') + ')' : 'nowhere';
    const controls = app.controls.map((c) => el('span', {
      class: 'control ' + (c.on === null ? 'unknown' : c.on ? 'on' : 'off'),
      'data-testid': 'control-' + c.name, 'data-on': c.on === null ? 'unknown' : String(c.on),
      title: c.name,
    }, c.kind + ' ' + c.region + ' ' + (c.on === null ? '?' : c.on ? 'On' : 'Off')));
    const database = app.database
      ? 'database written in ' + app.database.writer + ', replica ' + millis(app.database.lagMillis) + ' behind'
      : 'database: not read yet';
    return el('div', { class: 'app-card', 'data-testid': 'app-' + app.app },
      el('div', { class: 'quiet' }, app.app + ' runs in'),
      el('div', {
        class: 'active' + (app.activeRegions.length === 1 ? '' : ' none'),
        id: 'active-region-' + app.app, 'data-testid': 'active-region-' + app.app,
      }, active),
      el('div', {}, ...controls),
      el('div', { class: 'quiet' }, database));
  }));
}

function drawRegions(overview) {
  $('regions').replaceChildren(...overview.regions.map((region) => el('div', {
    class: 'region' + (region.reachable ? '' : ' unreachable'),
    'data-testid': 'region-' + region.name, 'data-reachable': String(region.reachable),
  }, region.name + ': ' + (region.reachable
    ? 'answering, read ' + (region.sampledAt ? new Date(region.sampledAt).toLocaleTimeString() : '–')
    : region.unreachableSince ? 'unreachable since ' + since(region.unreachableSince) : 'not read yet'))));
}

function drawFlow(overview) {
  const flow = $('flow');
  flow.replaceChildren(...overview.apps.map((app) => el('div', { class: 'flow-app' },
    el('h2', {}, app.app),
    ...app.regions.map((service) => drawService(app.app, service)))));
}

function drawService(app, service) {
  const key = app + '-' + service.region;
  const label = el('div', { class: 'label' }, service.region,
    service.reachable ? null : el('span', {
      class: 'since', 'data-testid': 'unreachable-' + key,
    }, service.unreachableSince
      ? 'unreachable since ' + new Date(service.unreachableSince).toLocaleTimeString()
      : 'not read yet'),
    el('span', { class: 'quiet', style: 'display:block;font-weight:normal;font-size:12px' },
      (service.processingOpen ? 'processing' : 'idle') + (service.inboundOpen ? ', taking input' : '')));
  const stages = service.stages.map((stage) => {
    const id = key + '-' + stage.stage;
    const errors = stage.rejected + stage.failedAttempts;
    return el('div', {
      class: 'stage' + (service.processingOpen ? '' : ' idle') + (stage.breakerOpen ? ' breaker' : ''),
      'data-testid': 'stage-' + id,
    },
    el('div', { class: 'name' }, stage.stage),
    el('div', { class: 'rate', 'data-testid': 'rate-' + id }, stage.recordsPerSecond + ' /s'),
    el('div', { class: 'numbers' },
      el('span', { 'data-testid': 'records-in-' + id }, String(stage.recordsIn)), ' in · lag ',
      el('span', { 'data-testid': 'lag-' + id }, stage.lagMillis < 0 ? '–' : millis(stage.lagMillis)),
      ' · errors ', el('span', { 'data-testid': 'errors-' + id }, String(errors)),
      stage.breakerOpen ? el('strong', { class: 'error-text' }, ' · breaker open') : null),
    chart(stage.throughputHistory, stage.lagHistory));
  });
  return el('div', {
    class: 'flow-region' + (service.reachable ? '' : ' unreachable'),
    'data-testid': 'flow-' + key, 'data-reachable': String(service.reachable),
  }, label, ...stages,
  el('div', { class: 'stage' }, el('div', { class: 'name' }, 'quarantined'),
    el('div', { class: 'rate', 'data-testid': 'quarantined-' + key }, String(service.quarantined)),
    el('div', { class: 'numbers' }, 'tables ' + (service.tableLagMillis < 0 ? '–' : millis(service.tableLagMillis))
      + ' behind')));
}

/** Throughput (solid) and lag (dashed), each scaled to its own maximum over the last five minutes. */
function chart(throughput, lag) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 150 28');
  svg.setAttribute('preserveAspectRatio', 'none');
  const line = (values, cls) => {
    if (!values || values.length < 2) return;
    const max = Math.max(1, ...values.map((v) => Math.max(0, v)));
    const step = 150 / (values.length - 1);
    const points = values.map((v, i) => (i * step).toFixed(1) + ',' + (27 - (Math.max(0, v) / max) * 25).toFixed(1));
    const polyline = document.createElementNS(ns, 'polyline');
    polyline.setAttribute('points', points.join(' '));
    polyline.setAttribute('class', cls);
    svg.append(polyline);
  };
  line(throughput, 'throughput');
  line(lag, 'lag');
  return svg;
}

function drawAlerts(alerts) {
  const list = $('alerts');
  if (!alerts || alerts.length === 0) {
    list.replaceChildren(el('li', { class: 'quiet' }, 'none'));
    return;
  }
  list.replaceChildren(...alerts.map((alert) => el('li', {
    class: 'alert', 'data-kind': alert.kind,
  }, alert.kind.replace(/_/g, ' ').toLowerCase() + ': ' + alert.text)));
}

function drawGenerator(overview) {
  const on = overview.generator.on;
  $('generator-state').textContent = on === null ? 'unknown' : on ? 'On' : 'Off';
  $('generator-on').disabled = on === true;
  $('generator-off').disabled = on === false;
  const rows = [];
  for (const [region, queues] of Object.entries(overview.queueDepths || {}))
    for (const [queue, depth] of Object.entries(queues))
      rows.push(el('tr', {}, el('td', {}, region), el('td', {}, queue),
        el('td', { 'data-testid': 'depth-' + region + '-' + queue }, String(depth))));
  $('queues').replaceChildren(...rows);
}

function drawHistory(executions) {
  const body = $('history').querySelector('tbody');
  body.replaceChildren(...(executions || []).map((execution) => {
    const lost = Object.entries(execution.databaseLoss || {})
      .map(([app, loss]) => app + ' ' + loss.lostChanges + ' (' + loss.lostMillis + ' ms)').join(', ');
    const open = el('button', { type: 'button', 'data-testid': 'history-open-' + execution.executionId }, 'show');
    open.addEventListener('click', () => follow(execution.executionId));
    return el('tr', { 'data-testid': 'history-row-' + execution.executionId, 'data-outcome': execution.outcome },
      el('td', {}, new Date(execution.startedAt).toLocaleString()),
      el('td', {}, el('code', {}, execution.executionId.slice(0, 8))),
      el('td', { class: 'operator', 'data-testid': 'history-operator-' + execution.executionId }, execution.operator),
      el('td', {}, execution.mode),
      el('td', {}, execution.apps.join(', ')),
      el('td', {}, execution.source + ' → ' + execution.target),
      el('td', { class: 'outcome ' + execution.outcome }, execution.outcome),
      el('td', {}, millis(execution.tookMillis)),
      el('td', {}, millis(execution.rtoToProcessingMillis)),
      el('td', {}, millis(execution.rtoToResolvedMillis)),
      el('td', {}, lost || '–'),
      el('td', {}, open));
  }));
}

// ---- the runbook --------------------------------------------------------------------------------------------------

function request() {
  return {
    mode: $('runbook-mode').value,
    apps: [...$('runbook-apps').querySelectorAll('input:checked')].map((box) => box.value),
    source: $('runbook-source').value,
    target: $('runbook-target').value,
  };
}

function showError(e) {
  const box = $('runbook-error');
  const problem = e.problem || {};
  let text = e.message;
  if (problem.holder) text = 'Refused: ' + (problem.detail
    || 'another rotation is running: execution ' + problem.executionId + ' by ' + problem.holder);
  else if (problem.field) text = problem.field + ': ' + text;
  box.textContent = text;
  box.classList.remove('hidden');
}

function clearError() {
  $('runbook-error').classList.add('hidden');
}

async function dryRun() {
  clearError();
  $('confirm-panel').classList.add('hidden');
  try {
    const { body } = await api('POST', '/api/plans', request());
    state.plan = body;
    $('plan').textContent = body.plan;
    $('plan-steps').replaceChildren(...body.steps.map((step) => el('li', {
      'data-testid': 'plan-step-' + step.step,
    }, el('strong', {}, step.step), ' ', step.description)));
    $('plan-panel').classList.remove('hidden');
  } catch (e) {
    showError(e);
  }
}

/** A destructive action: say what will happen, and go on only once the target region's name is typed. */
function askConfirmation() {
  if (!state.plan) return;
  const plan = state.plan;
  $('confirm-summary').textContent = (plan.mode === 'FAILOVER' ? 'Fail over ' : 'Rotate ') + plan.apps.join(' and ')
    + ' from ' + plan.source + ' to ' + plan.target + ': ' + plan.steps.length + ' steps, '
    + (plan.mode === 'FAILOVER'
      ? 'without a drain; the databases fail over now and what had not replicated is lost.'
      : 'draining ' + plan.source + ' first; the databases switch over without losing data.')
    + ' Type ' + plan.target + ' to go on.';
  $('confirm-target-input').value = '';
  $('confirm-execute').disabled = true;
  $('confirm-panel').classList.remove('hidden');
  $('confirm-target-input').focus();
}

async function execute() {
  clearError();
  const plan = state.plan;
  if (!plan || $('confirm-target-input').value.trim() !== plan.target) return;
  $('confirm-execute').disabled = true;
  try {
    const { body } = await api('POST', '/api/executions',
      { mode: plan.mode, apps: plan.apps, source: plan.source, target: plan.target });
    $('confirm-panel').classList.add('hidden');
    follow(body.executionId, plan);
  } catch (e) {
    showError(e);
    $('confirm-execute').disabled = false;
  }
}

/** Follows an execution's events: each step turns blue while it runs, then green or red. */
function follow(executionId, plan) {
  if (state.following && state.following.id === executionId) return;
  if (state.following) state.following.source.close();
  const steps = $('execution-steps');
  steps.replaceChildren();
  $('execution-log').textContent = '';
  $('execution-id').textContent = executionId;
  $('execution-operator').textContent = '';
  setOutcome('RUNNING');
  $('execution-panel').classList.remove('hidden');
  if (plan) for (const step of plan.steps) stepItem(step.step);
  api('GET', '/api/executions/' + encodeURIComponent(executionId)).then(({ body }) => {
    $('execution-operator').textContent = body.operator;
    for (const step of body.steps) {
      const item = stepItem(step.step);
      if (item.dataset.outcome === 'PENDING' || step.outcome !== 'RUNNING') item.dataset.outcome = step.outcome;
      if (step.detail) detail(item, step.detail);
    }
    if (!['RUNNING'].includes(body.outcome)) setOutcome(body.outcome);
  }).catch(() => {});
  const source = new EventSource('/api/executions/' + encodeURIComponent(executionId) + '/events');
  state.following = { id: executionId, source, finished: false };
  const onEvent = (message) => {
    const event = JSON.parse(message.data);
    $('execution-log').textContent += event.text + '\n';
    if (event.step && STEP_OUTCOMES[event.kind]) {
      const item = stepItem(event.step);
      item.dataset.outcome = STEP_OUTCOMES[event.kind];
      if (event.kind !== 'STEP_STARTED') detail(item, event.text.replace(/^\S+ (done|FAILED)[^:]*: /, ''));
    }
    if (event.kind === 'AWAITING_CONFIRMATION') setOutcome('AWAITING_CONFIRMATION');
    if (event.kind === 'FINISHED') {
      source.close();
      state.following.finished = true;
      setOutcome(event.text.split(':')[0]);
      for (const item of steps.querySelectorAll('li[data-outcome="PENDING"]')) item.dataset.outcome = 'NOT_RUN';
    }
  };
  for (const kind of ['STARTED', 'STEP_STARTED', 'STEP_DONE', 'STEP_FAILED', 'PROGRESS', 'AWAITING_CONFIRMATION',
    'FINISHED']) source.addEventListener(kind, onEvent);
}

function stepItem(step) {
  let item = $('execution-steps').querySelector('li[data-step="' + step + '"]');
  if (!item) {
    item = el('li', { 'data-step': step, 'data-testid': 'execution-step-' + step, 'data-outcome': 'PENDING' },
      el('strong', {}, step));
    $('execution-steps').append(item);
  }
  return item;
}

function detail(item, text) {
  let span = item.querySelector('.detail');
  if (!span) item.append(span = el('span', { class: 'detail' }));
  span.textContent = text;
}

function setOutcome(outcome) {
  const node = $('execution-outcome');
  node.textContent = outcome;
  node.className = 'outcome ' + outcome;
  $('execution-resume').classList.toggle('hidden', !['INTERRUPTED', 'AWAITING_CONFIRMATION'].includes(outcome));
  $('execution-abort').classList.toggle('hidden', !['INTERRUPTED', 'AWAITING_CONFIRMATION', 'RUNNING'].includes(outcome));
  $('execution-confirm').classList.toggle('hidden', outcome !== 'AWAITING_CONFIRMATION');
}

/** After a reload, or when someone else started one, the page follows the execution that runs. */
function followRunningExecution(executions) {
  if (state.following && !state.following.finished) return;
  const running = (executions || []).find((e) => ['RUNNING', 'AWAITING_CONFIRMATION', 'INTERRUPTED'].includes(e.outcome));
  if (running) follow(running.executionId);
}

async function act(action) {
  clearError();
  const id = state.following && state.following.id;
  if (!id) return;
  if (action === 'abort' && !window.confirm('Abort execution ' + id + ' and roll back from where it stopped?')) return;
  try {
    await api('POST', '/api/executions/' + encodeURIComponent(id) + '/' + action);
    state.following.source.close();
    state.following = null;
    follow(id);
  } catch (e) {
    showError(e);
  }
}

async function generator(on) {
  try {
    await api('POST', '/api/generator', { on });
    $('generator-state').textContent = on ? 'On' : 'Off';
  } catch (e) {
    showError(e);
  }
}

async function reconcile() {
  const result = $('reconcile-result');
  result.textContent = 'running…';
  try {
    const { body } = await api('POST', '/api/reconciliations',
      { app: $('reconcile-app').value, region: $('reconcile-region').value });
    result.textContent = body.journaled + ' journaled, ' + body.replayed + ' replayed (run ' + body.runId + ')';
  } catch (e) {
    result.textContent = e.message;
  }
  loadSlowTables();
}

async function loadSlowTables() {
  try {
    const runs = (await api('GET', '/api/reconciliation-runs')).body;
    $('reconciliations').replaceChildren(
      el('tr', {}, ...['finished', 'app', 'region', 'journaled', 'replayed', 'took'].map((h) => el('th', {}, h))),
      ...runs.slice(0, 20).map((run) => el('tr', {},
        el('td', {}, new Date(run.windowEnd).toLocaleString()), el('td', {}, run.app), el('td', {}, run.region),
        el('td', {}, String(run.journaled)), el('td', {}, String(run.replayed)), el('td', {}, millis(run.tookMillis)))));
    const participants = (await api('GET', '/api/participants')).body;
    $('participants').replaceChildren(
      el('tr', {}, ...['id', 'roles', 'status'].map((h) => el('th', {}, h))),
      ...participants.map((p) => el('tr', {}, el('td', {}, p.id), el('td', {}, p.roles.join(', ')),
        el('td', {}, p.status))));
  } catch (e) {
    // The next round tries again; the tables keep what they showed.
  }
}

$('dry-run').addEventListener('click', dryRun);
$('execute').addEventListener('click', askConfirmation);
$('confirm-target-input').addEventListener('input', () => {
  $('confirm-execute').disabled = !state.plan || $('confirm-target-input').value.trim() !== state.plan.target;
});
$('confirm-execute').addEventListener('click', execute);
$('confirm-cancel').addEventListener('click', () => $('confirm-panel').classList.add('hidden'));
for (const id of ['runbook-mode', 'runbook-source', 'runbook-target']) $(id).addEventListener('change', () => {
  state.plan = null;
  $('plan-panel').classList.add('hidden');
  $('confirm-panel').classList.add('hidden');
});
$('runbook-apps').addEventListener('change', () => { state.plan = null; $('plan-panel').classList.add('hidden'); });
$('execution-resume').addEventListener('click', () => act('resume'));
$('execution-abort').addEventListener('click', () => act('abort'));
$('execution-confirm').addEventListener('click', () => act('confirm'));
$('generator-on').addEventListener('click', () => generator(true));
$('generator-off').addEventListener('click', () => generator(false));
$('reconcile').addEventListener('click', reconcile);

poll();
loadSlowTables();
setInterval(loadSlowTables, 10000);
