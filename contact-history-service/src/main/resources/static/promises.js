// The promise tracker (issue 14, items 5 and 6): in the customer view, the promises made to the customer shown (promised
// replies, callbacks, call summaries), each kept, kept late, broken or pending on event time, from
// GET api/customers/{id}/promises, and beside each call in the timeline, the written summary it owes; in the queues'
// view, the last week's promises per queue (GET api/promises). Reloaded whenever
// the customer's tasks are (a task changed), as of the instant shown. Everything the API returns goes in as text.
'use strict';

(() => {
  const { api, el, time, label, fail } = window.omnirouterConsole;
  const $ = (id) => document.getElementById(id);
  const OUTCOME = { PENDING: 'pending', KEPT: 'kept', KEPT_LATE: 'kept late', BROKEN: 'broken', WITHDRAWN: 'withdrawn' };
  const tracker = { customerId: null, summaries: new Map() }; // call contact id → its CALL_SUMMARY promise

  async function load(customerId, asOf) {
    const query = new URLSearchParams();
    if (asOf) query.set('asOf', asOf);
    const result = await api(`api/customers/${encodeURIComponent(customerId)}/promises?${query}`);
    if (customerId !== tracker.customerId || result.status !== 200) return;
    render(result.body);
  }

  function render({ promises, counts }) {
    $('promises-count').textContent = counts.made
      ? `(${counts.made} made: ${counts.kept} kept, ${counts.keptLate} kept late, ${counts.broken} broken, ${counts.pending} pending)`
      : '';
    $('promises-empty').hidden = promises.length > 0;
    $('promises').replaceChildren(...promises.map((promise) => el('li', {
      className: `promise ${promise.outcome}`, attrs: { 'data-task-id': promise.taskId, 'data-outcome': promise.outcome },
    }, [
      el('span', { className: `badge outcome ${promise.outcome}`, text: OUTCOME[promise.outcome] || label(promise.outcome) }),
      el('span', { className: 'type', text: ` ${label(promise.type)}` }),
      document.createTextNode(' · made '), time(promise.madeAt),
      document.createTextNode(' · due '), time(promise.dueAt),
      promise.keptAt ? document.createTextNode(' · kept ') : null,
      promise.keptAt ? time(promise.keptAt) : null,
    ])));
    tracker.summaries = new Map(promises.filter((promise) => promise.type === 'CALL_SUMMARY')
      .map((promise) => [promise.triggerContactId, promise]));
    annotateCalls();
  }

  // "Written summary: kept late" beside the call it summarizes, in the timeline's row of that call.
  function annotateCalls() {
    for (const row of document.querySelectorAll('#timeline-body tr[data-contact-id]')) {
      const promise = tracker.summaries.get(row.dataset.contactId);
      const shown = row.querySelector('.call-summary');
      if (!promise) {
        shown?.remove();
        continue;
      }
      const text = `Written summary: ${OUTCOME[promise.outcome]}${promise.outcome === 'PENDING' || promise.outcome === 'BROKEN' ? ', due ' : ''}`;
      const note = el('span', { className: `call-summary ${promise.outcome}`, attrs: { 'data-outcome': promise.outcome } }, [
        document.createTextNode(text),
        promise.outcome === 'PENDING' || promise.outcome === 'BROKEN' ? time(promise.dueAt) : null,
      ]);
      if (shown) shown.replaceWith(note); else row.lastElementChild.append(note);
    }
  }

  // The queues' view: the promises made in the last week, per queue (GET api/promises), summed over their types.
  async function loadQueuePromises() {
    const result = await api('api/promises');
    if (result.status !== 200) return;
    const byQueue = new Map();
    for (const { queue, counts } of result.body.byQueueAndType) {
      const sum = byQueue.get(queue) || { made: 0, kept: 0, keptLate: 0, broken: 0, pending: 0 };
      for (const key of Object.keys(sum)) sum[key] += counts[key];
      byQueue.set(queue, sum);
    }
    $('queue-promises-empty').hidden = byQueue.size > 0;
    $('queue-promises-body').replaceChildren(...[...byQueue.keys()].sort().map((queue) => {
      const sum = byQueue.get(queue);
      return el('tr', { attrs: { 'data-queue': queue } }, [
        el('th', { text: queue, attrs: { scope: 'row' } }),
        ...['made', 'kept', 'keptLate', 'broken', 'pending'].map((key) => el('td', {
          className: key === 'broken' && sum.broken ? 'broken-count' : '', text: String(sum[key]),
        })),
      ]);
    }));
  }

  document.addEventListener('omnirouter:view-shown', (event) => {
    if (event.detail.view === 'queues') loadQueuePromises().catch(fail);
  });

  document.addEventListener('omnirouter:customer-shown', (event) => {
    tracker.customerId = event.detail.customerId;
    tracker.summaries = new Map();
    $('promises').replaceChildren();
    $('promises-count').textContent = '';
    load(tracker.customerId, event.detail.asOf).catch(fail);
  });
  document.addEventListener('omnirouter:tasks-shown', (event) => {
    if (event.detail.customerId === tracker.customerId) load(event.detail.customerId, event.detail.asOf).catch(fail);
  });
  document.addEventListener('DOMContentLoaded', () => {
    // Timeline rows come and go (pages, live contacts, filters): each new row gets its call's summary.
    new MutationObserver(annotateCalls).observe($('timeline-body'), { childList: true });
    $('queues-refresh').addEventListener('click', () => loadQueuePromises().catch(fail));
  });
})();
