// "My work" (issue 14, item 3): the open tasks assigned or suggested to the signed-in agent, overdue first and then by
// time left (GET api/tasks?assignee=me&status=OPEN&order=DUE, cursor pages), kept live by the task events of the live
// stream; each can be completed with an optional reason, handed to a colleague or given back to its queue. Claiming
// happens where tasks nobody has are seen: the customer's tasks and the queues (console.js).
'use strict';

(() => {
  const { api, el, time, label, timeLeft, actOnTask, withButton, showCustomer, fail, problemText } = window.omnirouterConsole;
  const $ = (id) => document.getElementById(id);

  const PAGE = 25;
  // Task events come in bursts (an escalation run, a colleague's batch): one reload for a burst.
  const RELOAD_AFTER_MS = 400;

  const work = {
    tasks: [],
    next: null,         // the nextCursor of the last page shown
    stream: null,       // the live stream while the view is shown
    reloadTimer: null,
    generation: 0,      // bumped by each reload from the first page: a slower older answer is dropped
    shown: null,        // what the rows show now (tasks and cursor, as JSON)
  };

  const mayWork = (roles) => roles.includes('AGENT') || roles.includes('SUPERVISOR');

  function report(text, isError = false) {
    $('work-status').textContent = text;
    $('work-status').classList.toggle('error', isError);
  }

  const myWork = (cursor) => `api/tasks?${new URLSearchParams({
    assignee: 'me', status: 'OPEN', order: 'DUE', limit: String(PAGE), ...(cursor ? { cursor } : {}),
  })}`;

  async function load() {
    const generation = ++work.generation;
    try {
      const result = await api(myWork(null));
      if (generation !== work.generation) return;
      if (result.status !== 200) {
        report(problemText(result), true);
        return;
      }
      work.tasks = result.body.tasks || [];
      work.next = result.body.nextCursor;
      render();
    } catch (error) {
      fail(error);
    }
  }

  async function loadMore() {
    const generation = work.generation;
    const result = await api(myWork(work.next));
    if (generation !== work.generation) return;
    if (result.status !== 200) {
      report(problemText(result), true);
      return;
    }
    work.tasks = work.tasks.concat(result.body.tasks || []);
    work.next = result.body.nextCursor;
    render();
  }

  // Rows are drawn again only when the tasks changed (a live reload mostly finds the same ones), and a form the agent
  // has open stays open, with what was typed and the focus, while its task is still listed.
  function render() {
    const shown = JSON.stringify([work.tasks, work.next]);
    if (shown === work.shown) return;
    work.shown = shown;
    const overdue = work.tasks.filter((task) => task.overdue).length;
    $('work-count').textContent = work.tasks.length
      ? `(${work.tasks.length}${work.next ? '+' : ''}${overdue ? `, ${overdue} overdue` : ''})` : '';
    const open = document.querySelector('#work-body tr.task-form:not([hidden])');
    const focused = open && open.contains(document.activeElement) ? document.activeElement : null;
    $('work-body').replaceChildren(...work.tasks.flatMap(row));
    const place = open && document.querySelector(`#work-body tr.task-form[data-form-for="${CSS.escape(open.dataset.formFor)}"]`);
    if (place) {
      place.replaceWith(open);
      if (focused) focused.focus();
    }
    $('work-table').hidden = work.tasks.length === 0;
    $('work-empty').hidden = work.tasks.length > 0;
    $('work-more').hidden = !work.next;
  }

  function row(task) {
    const what = `the ${label(task.type).toLowerCase()} task due ${task.dueAt}`;
    // The accessible name starts with the visible text (WCAG 2.5.3, axe label-content-name-mismatch).
    const shortId = `${String(task.customerId).slice(0, 8)}…`;
    const customer = el('button', {
      className: 'link', text: shortId,
      attrs: { type: 'button', title: task.customerId, 'aria-label': `${shortId} open the customer of ${what}` },
    });
    customer.addEventListener('click', () => showCustomer(task.customerId));
    const complete = button('Complete…', `Complete ${what}`);
    const handOver = button('Hand over…', `Hand over ${what}`);
    const release = button('Back to queue', `Back to queue ${task.queue}: ${what}`);
    release.addEventListener('click', () => withButton(release, () => act(task, 'release', undefined,
      `${label(task.type)} task back in the queue ${task.queue}.`)));
    const form = el('tr', { className: 'task-form', attrs: { 'data-form-for': task.taskId } });
    form.hidden = true;
    complete.addEventListener('click', () => openForm(form, task, 'complete'));
    handOver.addEventListener('click', () => openForm(form, task, 'assign'));
    return [el('tr', { className: task.overdue ? 'overdue' : '', attrs: { 'data-task-id': task.taskId } }, [
      el('td', {}, [el('strong', { text: label(task.type) }),
        el('span', { className: 'muted', text: ` · ${label(task.triggerChannel)}` })]),
      el('td', {}, [customer]),
      el('td', { className: 'time' }, [time(task.dueAt)]),
      el('td', {}, [timeLeft(task)]),
      el('td', { text: task.queue }),
      el('td', { text: String(task.escalationTier ?? 0) }),
      el('td', { className: 'task-actions' }, [complete, handOver, release]),
    ]), form];
  }

  function button(text, name) {
    return el('button', { className: 'small secondary', text, attrs: { type: 'button', 'aria-label': name } });
  }

  // The row's small form: a reason (optional) to complete; a colleague and a reason to hand over.
  function openForm(formRow, task, action) {
    const id = (part) => `work-${part}-${task.taskId}`;
    const reason = el('input', { attrs: { id: id('reason'), type: 'text', maxlength: '500', autocomplete: 'off' } });
    const colleague = el('input', { attrs: { id: id('colleague'), type: 'text', required: '', autocomplete: 'off' } });
    const submit = el('button', { text: action === 'complete' ? 'Complete task' : 'Hand over', attrs: { type: 'submit' } });
    const cancel = el('button', { className: 'secondary', text: 'Cancel', attrs: { type: 'button' } });
    const fields = action === 'assign'
      ? [el('label', { text: 'Colleague', attrs: { for: id('colleague') } }), colleague] : [];
    const form = el('form', { className: 'inline-form', attrs: { 'aria-label': `${submit.textContent}: ${label(task.type)} task` } }, [
      ...fields,
      el('label', { text: 'Reason (optional)', attrs: { for: id('reason') } }), reason, submit, cancel,
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const why = reason.value.trim() || undefined;
      if (action === 'complete') {
        withButton(submit, () => act(task, 'complete', why ? { reason: why } : undefined, `${label(task.type)} task completed.`));
      } else {
        const agent = colleague.value.trim();
        withButton(submit, () => act(task, 'assign', { agent, reason: why }, `${label(task.type)} task handed over to ${agent}.`));
      }
    });
    cancel.addEventListener('click', () => { formRow.hidden = true; });
    formRow.replaceChildren(el('td', { attrs: { colspan: '7' } }, [form]));
    formRow.hidden = false;
    (action === 'assign' ? colleague : reason).focus();
  }

  async function act(task, action, body, done) {
    await actOnTask(task, action, body, done, report);
    await load();
  }

  // Live: every task event may add a task to my work or take one from it (a colleague hands one over, a contact
  // closes one, the clock escalates one): the list is reloaded, once per burst.
  function follow() {
    if (work.stream) return;
    work.stream = new EventSource('api/stream');
    work.stream.addEventListener('task', scheduleReload);
    work.stream.addEventListener('resync', scheduleReload);
    work.stream.addEventListener('open', () => { $('work-live').textContent = 'Live'; });
    work.stream.addEventListener('error', () => { $('work-live').textContent = 'Reconnecting…'; });
  }

  function unfollow() {
    if (work.stream) work.stream.close();
    work.stream = null;
    clearTimeout(work.reloadTimer);
    $('work-live').textContent = '';
  }

  function scheduleReload() {
    clearTimeout(work.reloadTimer);
    work.reloadTimer = setTimeout(load, RELOAD_AFTER_MS);
  }

  document.addEventListener('omnirouter:signed-in', (event) => {
    document.querySelector('.view-tab[data-view="work"]').hidden = !mayWork(event.detail.roles || []);
  });
  document.addEventListener('omnirouter:view-shown', (event) => {
    if (event.detail.view === 'work') {
      load();
      follow();
      $('work-heading').focus();
    } else {
      unfollow();
    }
  });
  document.addEventListener('omnirouter:task-acted', () => {
    if (!$('view-work').hidden) scheduleReload();
  });
  document.addEventListener('DOMContentLoaded', () => {
    $('work-more').addEventListener('click', () => withButton($('work-more'), loadMore));
    $('work-refresh').addEventListener('click', load);
  });
})();
