// Omnirouter agent console: plain JavaScript against the agent API (same origin, the login session's cookie).
// Everything the API returns is put on the page as text (textContent), never as HTML.
'use strict';

(() => {
  const PAGE_SIZE = 50;
  const $ = (id) => document.getElementById(id);

  const state = {
    customerId: null,
    nextCursor: null,
    shown: new Set(),      // contact ids in the timeline table
    stream: null,          // the EventSource of the customer shown
    asOf: null,            // the past instant shown (ISO-8601), null for the present: the views answer as they did then
    streamBroken: false,   // the stream failed since it was last open (it resumes by itself when it reopens)
    refreshing: null,      // the refresh of the newest contacts in progress
    refreshAgain: false,   // another one was asked for meanwhile
    user: null,            // the signed-in user's name (GET /api/me)
    roles: [],             // of the signed-in user (GET /api/me)
    csrf: null,            // { header, token } of the session, fetched before the first change
    tasks: [],             // open tasks of the customer shown
    queue: '',             // the queue shown in the Queues view ('' = all)
    queueCounts: null,     // { open, overdue } of that queue, counted in the database
    queueTasks: [],        // its open tasks shown, soonest due first
    queueNext: null,       // the cursor of the next page of them (null: all shown)
    opsTimer: null,        // refreshes the Ops view while it is shown
  };
  const OPS_REFRESH_MS = 5000;

  class SessionEnded extends Error {}

  async function api(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (response.status === 401) {
      throw new SessionEnded('Your session has ended.');
    }
    const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
    return { status: response.status, body };
  }

  // The session's CSRF token, for changes (POST). /api/me may carry it; otherwise it is the one of the sign-out
  // form (Spring Security's page), read once per page load.
  async function csrfToken() {
    if (state.csrf) return state.csrf;
    const response = await fetch('logout', { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    if (response.status === 401) throw new SessionEnded('Your session has ended.');
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const input = page.querySelector('input[name="_csrf"]');
    if (!input) throw new Error('the session has no CSRF token: reload the page');
    state.csrf = { header: 'X-CSRF-TOKEN', token: input.value };
    return state.csrf;
  }

  // A change (POST, PUT, DELETE) with the session's CSRF token.
  async function send(method, path, body) {
    const csrf = await csrfToken();
    const headers = { Accept: 'application/json', [csrf.header]: csrf.token };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) throw new SessionEnded('Your session has ended.');
    if (response.status === 403) state.csrf = null; // perhaps a new session: fetch the token again next time
    const json = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
    return { status: response.status, body: json };
  }

  const post = (path, body) => send('POST', path, body);

  function problemText(result) {
    return (result.body && (result.body.detail || result.body.title)) || `The service answered ${result.status}.`;
  }

  function showStatus(text, isError = false) {
    const status = $('status');
    status.textContent = text;
    status.classList.toggle('error', isError);
  }

  function fail(error) {
    if (error instanceof SessionEnded) {
      showStatus('Your session has ended: sign in again (reload the page).', true);
      closeStream();
    } else {
      showStatus(`Something went wrong: ${error.message}`, true);
    }
  }

  function el(tag, options = {}, children = []) {
    const node = document.createElement(tag);
    if (options.text !== undefined && options.text !== null) node.textContent = options.text;
    if (options.className) node.className = options.className;
    for (const [name, value] of Object.entries(options.attrs || {})) node.setAttribute(name, value);
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function time(iso) {
    if (!iso) return el('span', { text: '—' });
    const date = new Date(iso);
    return el('time', {
      attrs: { datetime: iso, title: iso },
      text: date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
    });
  }

  const label = (value) => (value ? String(value).charAt(0) + String(value).slice(1).toLowerCase().replaceAll('_', ' ') : '—');

  // --- session ---------------------------------------------------------------------------------------------

  async function showSignedIn() {
    try {
      const me = await api('api/me');
      if (me.status === 200) {
        $('signed-in').textContent = `Signed in as ${me.body.name} (${me.body.roles.join(', ') || 'no role'})`;
        state.roles = me.body.roles || [];
        state.user = me.body.name;
        if (me.body.csrf && me.body.csrf.token) state.csrf = { header: me.body.csrf.headerName, token: me.body.csrf.token };
        const tab = (view) => document.querySelector(`.view-tab[data-view="${view}"]`);
        tab('queues').hidden = state.roles.length === 0;
        tab('ops').hidden = !state.roles.includes('OPS');
        // Views in files of their own (work.js, …) show their tabs by the roles.
        document.dispatchEvent(new CustomEvent('omnirouter:signed-in', { detail: { user: state.user, roles: state.roles } }));
        await fillTimelineFilters();
      }
    } catch (error) {
      fail(error);
    }
  }

  // --- lookup ----------------------------------------------------------------------------------------------

  // One box (issue 14): with "Everything" chosen, the search (GET /api/customers/search) reads what was typed every way
  // it can be, a name too; one of the other choices is the lookup of that identifier type alone.
  async function lookup(event) {
    event.preventDefault();
    if (state.asOf) {
      state.asOf = null;
      $('as-of-banner').hidden = true;
      $('as-of-now').hidden = true;
      $('note-form').hidden = false;
    }
    const type = $('lookup-type').value;
    const value = $('lookup-value').value.trim();
    showResults([], false);
    if (!value) {
      showStatus('Type a name, an identifier or an order to search for.', true);
      $('lookup-value').focus();
      return;
    }
    showStatus('Searching…');
    try {
      if (type === 'any') {
        await search(value);
        return;
      }
      const result = await api(`api/customers/lookup?${new URLSearchParams({ [type]: value })}`);
      if (result.status === 404) {
        showStatus(`No customer has that ${$('lookup-type').selectedOptions[0].textContent.replace(' only', '').toLowerCase()}.`, true);
        return;
      }
      if (result.status !== 200) {
        showStatus(problemText(result), true);
        return;
      }
      await openFound(result.body.customerId, result.body);
    } catch (error) {
      fail(error);
    }
  }

  async function search(value) {
    const result = await api(`api/customers/search?${new URLSearchParams({ q: value })}`);
    if (result.status !== 200) {
      showStatus(problemText(result), true);
      return;
    }
    const customers = result.body.customers || [];
    if (customers.length === 0) {
      showStatus('No customer matches that: no name, identifier or order.', true);
    } else if (customers.length === 1) {
      await openFound(customers[0].customerId);
    } else {
      showStatus(`${customers.length}${result.body.nextCursor ? '+' : ''} customers match: pick one.`);
      showResults(customers, Boolean(result.body.nextCursor));
      $('search-results-heading').focus();
    }
  }

  const MATCHED_BY = {
    EMAIL: 'e-mail', PHONE: 'phone', SHOP_CUSTOMER_ID: 'shop customer id', ORDER_ID: 'order', CHAT_VISITOR_ID: 'chat visitor id',
    SOCIAL_HANDLE: 'social handle', NAME: 'name',
  };

  // The short list to pick from: name, identifiers, last contact; each opens its customer.
  function showResults(customers, more) {
    $('search-results').hidden = customers.length === 0;
    $('search-results-more').hidden = !more;
    $('search-results-list').replaceChildren(...customers.map((customer) => {
      const name = (customer.names && customer.names[0]) || 'No name given';
      const open = el('button', { className: 'link', text: name, attrs: { type: 'button' } });
      open.addEventListener('click', () => openFound(customer.customerId).catch(fail));
      return el('li', { attrs: { 'data-customer-id': customer.customerId } }, [
        open,
        (customer.names || []).length > 1 ? el('span', { className: 'muted', text: ` also ${customer.names.slice(1).join(', ')}` }) : null,
        el('span', { className: 'result-identifiers', text: (customer.identifiers || []).map((identifier) =>
          identifier.value + (identifier.shared ? ' (shared)' : '')).join(' · ') || 'no identifiers' }),
        el('span', { className: 'result-meta' }, [
          document.createTextNode(`found by ${MATCHED_BY[customer.matchedBy] || label(customer.matchedBy)} · last contact `),
          time(customer.lastContactAt),
        ]),
      ]);
    }));
  }

  async function openFound(customerId, known) {
    showResults([], false);
    await openCustomer(customerId, known);
    showStatus('');
    // To the customer, unless the agent went on into a field while it loaded: focus moved then would take their typing.
    const active = document.activeElement;
    if (!active || active === document.body || ['lookup-value', 'lookup-submit', 'lookup-type'].includes(active.id)
        || $('search-results').contains(active)) {
      $('customer-heading').focus();
    }
  }

  // "/" anywhere but in a field: to the search box, as in most web applications.
  // The lists j and k move through, per view: the rows an agent works down.
  const KEYBOARD_LISTS = { customers: 'timeline-body', work: 'work-body', queues: 'queue-tasks-body', absences: 'absences-body' };

  // Shortcuts: '/' goes to the search box, 'j' and 'k' to the next and previous row of the view's list; never while
  // typing in a field, and never with a modifier (the browser's own shortcuts stay).
  function keyboardShortcut(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || !['/', 'j', 'k'].includes(event.key)) return;
    const target = event.target;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    event.preventDefault();
    if (event.key === '/') {
      showView('customers');
      $('lookup-value').focus();
      $('lookup-value').select();
    } else {
      moveThroughList(event.key === 'j' ? 1 : -1);
    }
  }

  function moveThroughList(step) {
    const view = document.querySelector('#main > .view:not([hidden])');
    const body = view && $(KEYBOARD_LISTS[view.id.replace('view-', '')]);
    if (!body) return;
    const rows = [...body.rows].filter((row) => !row.hidden && !row.classList.contains('thread-row'));
    if (!rows.length) return;
    const at = rows.indexOf(document.activeElement?.closest('tr'));
    const next = rows[at < 0 ? (step > 0 ? 0 : rows.length - 1) : Math.min(Math.max(at + step, 0), rows.length - 1)];
    for (const row of body.querySelectorAll('tr.selected')) row.classList.remove('selected');
    next.tabIndex = -1;
    next.classList.add('selected');
    next.focus();
  }

  // --- customer --------------------------------------------------------------------------------------------

  // ?asOf= for the views that answer as of a past instant (profile, timeline, threads, tasks).
  const withAsOf = (path) => (state.asOf ? `${path}${path.includes('?') ? '&' : '?'}asOf=${encodeURIComponent(state.asOf)}` : path);

  async function openCustomer(customerId, known) {
    state.customerId = customerId;
    $('customer').hidden = false;
    $('customer-id').textContent = customerId;
    $('customer-name').textContent = 'Customer';
    closeThread();
    await loadProfile(known);
    await loadConsents();
    await loadNotes();
    await loadTimeline();
    await loadTasks();
    if (state.asOf) {
      closeStream();
      setLive(false, 'Live updates paused: showing a past instant');
    } else {
      openStream();
    }
    // Panels in files of their own (presence.js, …) follow the customer shown through this event.
    document.dispatchEvent(new CustomEvent('omnirouter:customer-shown', { detail: { customerId, asOf: state.asOf } }));
  }

  // The customer as the API showed it at a past instant ("what did the agent see at 10:32?"), or now again.
  async function showAsOf(event) {
    event.preventDefault();
    const local = $('as-of-input').value;
    if (!local || !state.customerId) return;
    state.asOf = new Date(local).toISOString();
    await reopenAt(`As of ${new Date(state.asOf).toLocaleString()}: the history as the API showed it then.`);
  }

  async function showNow() {
    state.asOf = null;
    await reopenAt('');
  }

  async function reopenAt(banner) {
    try {
      $('as-of-banner').textContent = banner;
      $('as-of-banner').hidden = !banner;
      $('as-of-now').hidden = !state.asOf;
      $('note-form').hidden = Boolean(state.asOf);
      await openCustomer(state.customerId);
    } catch (error) {
      fail(error);
    }
  }

  // Internal notes (GET /api/customers/{id}/notes), newest first: what the next agent reads before the history; as of
  // the instant shown, like the rest of the customer view.
  async function loadNotes() {
    const customerId = state.customerId;
    const result = await api(withAsOf(`api/customers/${encodeURIComponent(customerId)}/notes`));
    if (customerId !== state.customerId) return;
    if (result.status !== 200) {
      showStatus(problemText(result), true);
      return;
    }
    renderNotes(result.body.notes || []);
  }

  function renderNotes(notes) {
    $('notes').replaceChildren(...notes.map((note) => el('li', {}, [
      el('div', { className: 'meta' }, [time(note.writtenAt), el('span', { text: ' · ' }), el('span', { className: 'author', text: note.author })]),
      el('p', { className: 'text', text: note.text }),
    ])));
    $('notes-empty').hidden = notes.length > 0;
  }

  async function addNote(event) {
    event.preventDefault();
    const text = $('note-text').value;
    if (!text.trim()) return;
    $('note-submit').disabled = true;
    try {
      const result = await post(`api/customers/${encodeURIComponent(state.customerId)}/notes`, { text });
      if (result.status === 201) {
        renderNotes(result.body.notes || []);
        $('note-text').value = '';
        showStatus('Note added.');
      } else if (result.status === 202) {
        showStatus('Note accepted; it shows once it is applied.');
      } else {
        showStatus(problemText(result), true);
      }
    } catch (error) {
      fail(error);
    } finally {
      $('note-submit').disabled = false;
    }
  }

  // Consents (GET /api/customers/{id}/consents): each purpose granted, withdrawn or never given, with when it last
  // changed. Always as they stand now (the endpoint has no asOf): said so while a past instant is shown.
  async function loadConsents() {
    const customerId = state.customerId;
    const result = await api(`api/customers/${encodeURIComponent(customerId)}/consents`);
    if (customerId !== state.customerId) return;
    if (result.status !== 200) {
      $('consents').replaceChildren(el('li', { className: 'muted', text: 'not available' }));
      return;
    }
    const items = (result.body.consents || []).map((consent) => el('li', { className: `consent ${consent.state.toLowerCase()}`,
      attrs: { 'data-purpose': consent.purpose, 'data-state': consent.state } }, [
      el('span', { className: 'type', text: label(consent.purpose) }),
      el('span', { text: consent.state === 'GRANTED' ? 'yes' : consent.state === 'WITHDRAWN' ? 'withdrawn' : 'unknown' }),
      consent.changedAt ? el('span', { className: 'muted' }, [el('span', { text: ' · ' }), time(consent.changedAt)]) : null,
    ]));
    if (state.asOf) items.push(el('li', { className: 'muted', text: '(now, not as of the time shown)' }));
    $('consents').replaceChildren(...items);
  }

  // The profile (GET /api/customers/{id}): identifiers, merge lineage, contact span. The id of a customer merged
  // into another answers with the survivor: the console follows it.
  async function loadProfile(known) {
    const customerId = state.customerId;
    let profile = known || null;
    const result = await api(withAsOf(`api/customers/${encodeURIComponent(customerId)}`));
    if (result.status !== 200 && state.asOf) {
      showStatus(problemText(result), true);
      return;
    }
    if (result.status === 200 && result.body) {
      profile = result.body;
    }
    if (customerId !== state.customerId || !profile) return;
    if (profile.customerId && profile.customerId !== customerId) {
      state.customerId = profile.customerId;
      $('customer-id').textContent = profile.customerId;
      showStatus(`That customer is now part of customer ${profile.customerId}: showing it.`);
    }
    $('first-contact').replaceChildren(time(profile.firstContactAt));
    $('last-contact').replaceChildren(time(profile.lastContactAt));
    $('contact-count').textContent = profile.contactCount ?? '—';
    renderHeader(profile);
    $('identifiers').replaceChildren(...(profile.identifiers || []).map((identifier) => el('li', {
      attrs: { 'data-type': identifier.type, 'data-value': identifier.value, 'data-shared': String(Boolean(identifier.shared)) },
    }, [
      el('span', { className: 'type', text: label(identifier.type) }),
      el('span', { text: identifier.value }),
      identifier.shared ? el('span', { className: 'badge', text: 'shared', attrs: { title: 'no longer links customers' } }) : null,
    ])));
    renderLineage(profile.merges || []);
    // Tools in files of their own (supervisor.js) add what the signed-in user may do to it.
    document.dispatchEvent(new CustomEvent('omnirouter:profile-shown', { detail: { profile, asOf: state.asOf } }));
  }

  // Who the customer is, as the channels named them: the latest name large (the id small beside it), the other names,
  // language, segment, the real open task count and the agent who last handled them.
  function renderHeader(profile) {
    const names = profile.names || [];
    $('customer-name').textContent = names.length ? names[0] : 'Unnamed customer';
    $('other-names').textContent = names.slice(1).join(' · ');
    $('other-names-fact').hidden = names.length < 2;
    $('open-task-count').textContent = profile.openTaskCount ?? '—';
    $('customer-language').textContent = profile.language || '—';
    $('customer-segment').textContent = profile.segment || '—';
    const handler = profile.lastHandler;
    $('last-handler').replaceChildren(...(handler ? [el('span', { text: `${handler.agentId}, ` }), time(handler.at)] : [el('span', { text: '—' })]));
    document.title = `${names.length ? names[0] : 'Customer'} · Omnirouter`;
  }

  // The merges that made this customer, oldest first, each with its cause; undone ones stay, marked.
  function renderLineage(merges) {
    $('lineage').replaceChildren(...merges.map((merge) => {
      const linked = (merge.linkingIdentifiers || []).map((id) => `${label(id.type)} ${id.value}`).join(', ');
      const into = merge.survivorId === state.customerId ? 'this customer' : `customer ${merge.survivorId}`;
      return el('li', { attrs: { 'data-merge-id': merge.mergeId || '' } }, [
        el('span', { text: 'Customer ' }),
        el('code', { text: merge.mergedId }),
        el('span', { text: ` merged into ${into} on ` }),
        time(merge.mergedAt),
        linked ? el('span', { text: `, linked by ${linked}` }) : null,
        merge.causeContactId ? el('span', { className: 'muted', text: ` (cause: contact ${merge.causeContactId})` }) : null,
        merge.undone ? el('span', { className: 'badge', text: 'undone', attrs: { title: `undone ${merge.undoneAt || ''}` } }) : null,
      ]);
    }));
    $('lineage-empty').hidden = merges.length > 0;
  }

  // --- timeline --------------------------------------------------------------------------------------------

  // The filters' values as the API declares them (GET api/timeline/filters), after the first "all" option.
  async function fillTimelineFilters() {
    const result = await api('api/timeline/filters');
    if (result.status !== 200) return;
    for (const [filter, values] of Object.entries(result.body)) {
      const select = $(`filter-${filter}`);
      if (!select) continue;
      select.replaceChildren(select.options[0], ...values.map((value) => el('option', { text: label(value), attrs: { value } })));
    }
  }

  function timelineUrl(cursor) {
    const query = new URLSearchParams({ limit: PAGE_SIZE });
    if (cursor) query.set('cursor', cursor);
    if (state.asOf) query.set('asOf', state.asOf);
    for (const filter of ['channel', 'direction', 'intent']) {
      const value = $(`filter-${filter}`).value;
      if (value) query.set(filter, value);
    }
    return `api/customers/${encodeURIComponent(state.customerId)}/timeline?${query}`;
  }

  async function loadTimeline() {
    closeThread(); // it may be open inside a row about to go
    const customerId = state.customerId;
    const result = await api(timelineUrl(null));
    if (customerId !== state.customerId) return;
    if (result.status !== 200) {
      showStatus(problemText(result), true);
      return;
    }
    state.shown.clear();
    $('timeline-body').replaceChildren(...result.body.items.map((item) => row(item, false)));
    setNextCursor(result.body.nextCursor);
  }

  async function loadOlder() {
    if (!state.nextCursor) return;
    try {
      const customerId = state.customerId;
      const result = await api(timelineUrl(state.nextCursor));
      if (customerId !== state.customerId || result.status !== 200) return;
      $('timeline-body').append(...result.body.items.filter((item) => !state.shown.has(item.contactId)).map((item) => row(item, false)));
      setNextCursor(result.body.nextCursor);
    } catch (error) {
      fail(error);
    }
  }

  function setNextCursor(cursor) {
    state.nextCursor = cursor;
    $('older').hidden = !cursor;
    $('timeline-empty').hidden = state.shown.size > 0;
  }

  // New contacts: the newest page again, and whatever of it is not shown yet goes on top, highlighted.
  async function refreshNewest() {
    if (state.refreshing) {
      state.refreshAgain = true;
      return state.refreshing;
    }
    state.refreshing = (async () => {
      try {
        do {
          state.refreshAgain = false;
          const customerId = state.customerId;
          const result = await api(timelineUrl(null));
          if (customerId !== state.customerId || result.status !== 200) return;
          const fresh = result.body.items.filter((item) => !state.shown.has(item.contactId));
          const body = $('timeline-body');
          // The page is newest first: insert from the oldest new one up, each on top.
          for (const item of fresh.reverse()) {
            body.insertBefore(row(item, true), [...body.rows].find((shown) => shown.dataset.contactId && isOlder(shown.dataset, item)) || null);
          }
          $('timeline-empty').hidden = state.shown.size > 0;
          if (fresh.length > 0) {
            $('last-contact').replaceChildren(time(result.body.items[0].occurredAt));
            const count = Number.parseInt($('contact-count').textContent, 10);
            if (!Number.isNaN(count)) $('contact-count').textContent = count + fresh.length;
          }
        } while (state.refreshAgain);
      } catch (error) {
        fail(error);
      } finally {
        state.refreshing = null;
      }
    })();
    return state.refreshing;
  }

  // The timeline's order: newest first, ties broken by contact id, descending.
  function isOlder(shown, item) {
    const shownAt = Date.parse(shown.occurredAt);
    const itemAt = Date.parse(item.occurredAt);
    return shownAt < itemAt || (shownAt === itemAt && shown.contactId < item.contactId);
  }

  // A contact's details (ContactEvent.details): the channel's facts no other field holds, e.g. a social contact's
  // platform and visibility ("WhatsApp · public comment"); others as "name: value". Empty when it has none.
  const PLATFORMS = { WHATSAPP: 'WhatsApp', MESSENGER: 'Messenger', INSTAGRAM: 'Instagram', FACEBOOK: 'Facebook' };
  function detailsText(details) {
    return Object.entries(details || {}).map(([name, value]) => {
      if (name === 'platform') return PLATFORMS[value] || label(value);
      if (name === 'visibility') return label(value).toLowerCase();
      return `${name}: ${value}`;
    }).join(' · ');
  }

  // The details as a span of class `className`, the text after `prefix`; null for none.
  function detailsSpan(item, className, prefix = '') {
    const text = detailsText(item.details);
    return text ? el('span', { className, text: prefix + text }) : null;
  }

  function row(item, fresh) {
    state.shown.add(item.contactId);
    const excerpt = el('td', { className: 'excerpt' }, [
      item.subject ? el('span', { className: 'subject', text: item.subject }) : null,
      item.textExcerpt ? el('span', { text: item.textExcerpt }) : null,
      // A contact without words (a missed call, an order event) is told by its kind.
      !item.subject && !item.textExcerpt ? el('span', { className: 'muted', text: label(item.kind) }) : null,
      // A callback belongs to the conversation of the missed call it answers (docs/callbacks.md).
      item.callbackFor ? el('span', { className: 'callback-for', attrs: { 'data-missed-call': item.callbackFor.contactId } }, [
        document.createTextNode('Callback for the missed call of '), time(item.callbackFor.occurredAt)]) : null,
    ]);
    const conversation = item.callbackFor ? item.callbackFor.threadKey : item.threadKey;
    const threadButton = el('button', {
      className: 'link', text: conversation,
      attrs: { type: 'button', 'aria-label': `Open the conversation ${conversation}` },
    });
    threadButton.addEventListener('click', () => openThread(conversation, threadButton.closest('tr')));
    const tr = el('tr', {
      className: fresh ? 'fresh' : '',
      attrs: { 'data-contact-id': item.contactId, 'data-occurred-at': item.occurredAt },
    }, [
      el('td', { className: 'time' }, [time(item.occurredAt)]),
      el('td', {}, [el('span', { className: `channel ${item.channel}`, text: label(item.channel) }),
        detailsSpan(item, 'contact-details')]),
      el('td', { text: label(item.direction) }),
      el('td', {}, [threadButton]),
      el('td', { text: label(item.intent) }),
      el('td', { text: item.agentId || '—' }),
      excerpt,
    ]);
    if (fresh) setTimeout(() => tr.classList.remove('fresh'), 6000);
    return tr;
  }

  // --- follow-up tasks -------------------------------------------------------------------------------------

  // "in 1 h 20 min", "overdue by 15 min": whole minutes, days beyond 48 h.
  function span(ms) {
    const minutes = Math.floor(Math.abs(ms) / 60000);
    if (minutes < 1) return 'less than a minute';
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const rest = minutes % 60;
    if (days >= 2) return `${days} d${hours ? ` ${hours} h` : ''}`;
    const totalHours = Math.floor(minutes / 60);
    return [totalHours ? `${totalHours} h` : '', rest ? `${rest} min` : ''].filter(Boolean).join(' ');
  }

  // The clock the times left count from: now, or the past instant shown.
  const shownNow = () => (state.asOf ? Date.parse(state.asOf) : Date.now());

  function timeLeft(task) {
    const left = Date.parse(task.dueAt) - shownNow();
    const overdue = left < 0;
    return el('span', {
      className: overdue ? 'time-left overdue' : (left < 30 * 60000 ? 'time-left soon' : 'time-left'),
      attrs: { 'data-due-at': task.dueAt },
      text: overdue ? `overdue by ${span(left)}` : `in ${span(left)}`,
    });
  }

  // Overdue first (most overdue on top), then by due time.
  const byDue = (a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || String(a.taskId).localeCompare(String(b.taskId));

  async function loadTasks() {
    const customerId = state.customerId;
    try {
      const result = await api(withAsOf(`api/tasks?${new URLSearchParams({ customerId, status: 'OPEN' })}`));
      if (customerId !== state.customerId) return;
      if (result.status !== 200) {
        showStatus(problemText(result), true);
        return;
      }
      state.tasks = (result.body.tasks || []).slice().sort(byDue);
      renderTasks();
      document.dispatchEvent(new CustomEvent('omnirouter:tasks-shown', { detail: { customerId, asOf: state.asOf } }));
    } catch (error) {
      fail(error);
    }
  }

  function renderTasks() {
    const overdue = state.tasks.filter((task) => Date.parse(task.dueAt) < shownNow()).length;
    $('tasks-body').replaceChildren(...state.tasks.map((task) => {
      const complete = el('button', {
        className: 'small', text: 'Complete',
        attrs: { type: 'button', 'aria-label': `Complete the ${label(task.type).toLowerCase()} task due ${task.dueAt}` },
      });
      complete.addEventListener('click', () => completeTask(task, complete));
      // Claim: the task becomes the signed-in agent's (from the queue, or from a colleague).
      const claim = el('button', {
        className: 'small secondary', text: 'Claim',
        attrs: { type: 'button', 'aria-label': `Claim the ${label(task.type).toLowerCase()} task due ${task.dueAt}` },
      });
      claim.addEventListener('click', () => claimTask(task, claim));
      // A past instant is for reading: nothing is completed or claimed in it.
      complete.hidden = Boolean(state.asOf);
      claim.hidden = Boolean(state.asOf) || task.assignee === state.user;
      return el('tr', {
        className: Date.parse(task.dueAt) < shownNow() ? 'overdue' : '',
        attrs: { 'data-task-id': task.taskId },
      }, [
        el('td', {}, [el('strong', { text: label(task.type) }),
          el('span', { className: 'muted', text: ` · ${label(task.triggerChannel)}` })]),
        el('td', { className: 'time' }, [time(task.dueAt)]),
        el('td', {}, [timeLeft(task)]),
        el('td', { text: task.queue || '—' }),
        el('td', { text: task.assignee || '—' }),
        el('td', { text: String(task.escalationTier ?? 0) }),
        el('td', { className: 'task-actions' }, [claim, complete]),
      ]);
    }));
    $('tasks-empty').hidden = state.tasks.length > 0;
    $('tasks').hidden = state.tasks.length === 0;
    $('tasks-count').textContent = state.tasks.length
      ? `(${state.tasks.length}${overdue ? `, ${overdue} overdue` : ''})` : '';
  }

  // One of the actions on a task (POST api/tasks/{id}/complete, /claim, /assign, /release): its outcome told by
  // report (the status line of the view acting); the lists showing the task are reloaded (the live stream also tells
  // other consoles).
  async function actOnTask(task, action, body, done, report = showStatus) {
    const result = await post(`api/tasks/${encodeURIComponent(task.taskId)}/${action}`, body);
    if (result.status === 200) {
      report(done);
    } else if (result.status === 202) {
      // Accepted on agent.actions, not applied within the API's wait: the live stream shows it once it is.
      report('Accepted; the task lists show it once it is applied.');
    } else if (result.status === 409) {
      report(problemText(result));
    } else {
      report(problemText(result), true);
    }
    if (state.customerId) await loadTasks();
    if (!$('view-queues').hidden) await loadQueues();
    document.dispatchEvent(new CustomEvent('omnirouter:task-acted', { detail: { taskId: task.taskId, action } }));
    return result;
  }

  async function withButton(button, work) {
    button.disabled = true;
    try {
      await work();
    } catch (error) {
      fail(error);
    } finally {
      button.disabled = false;
    }
  }

  const completeTask = (task, button) => withButton(button, () => actOnTask(task, 'complete', undefined,
    `${label(task.type)} task completed.`));

  const claimTask = (task, button) => withButton(button, () => actOnTask(task, 'claim', undefined,
    `${label(task.type)} task claimed: it is in My work.`));

  // The times left move with the clock, not only with events.
  function tickTimesLeft() {
    for (const node of document.querySelectorAll('.time-left[data-due-at]')) {
      const left = Date.parse(node.dataset.dueAt) - shownNow();
      node.textContent = left < 0 ? `overdue by ${span(left)}` : `in ${span(left)}`;
      node.classList.toggle('overdue', left < 0);
      node.classList.toggle('soon', left >= 0 && left < 30 * 60000);
      node.closest('tr')?.classList.toggle('overdue', left < 0);
    }
  }

  // --- queues (supervisors) --------------------------------------------------------------------------------

  // The counts are the database's (GET /api/tasks/counts: every open task); the list below them is the queue's open
  // tasks soonest due first (overdue leading), QUEUE_PAGE at a time from the API's cursor (order=DUE), "More" for the
  // next page. Agents and supervisors claim from it; OPS only reads.
  const QUEUE_PAGE = 25;
  const mayWorkTasks = () => state.roles.some((role) => role === 'AGENT' || role === 'SUPERVISOR');

  async function loadQueues() {
    try {
      const counted = await api('api/tasks/counts');
      if (counted.status !== 200) {
        showStatus(problemText(counted), true);
        return;
      }
      const summary = new Map();
      for (const row of counted.body.byTypeAndQueue || []) {
        const entry = summary.get(row.queue) || { open: 0, overdue: 0 };
        entry.open += row.open;
        entry.overdue += row.overdue;
        summary.set(row.queue, entry);
      }
      const queueButton = (queue, text, counts) => {
        const button = el('button', {
          className: 'queue-chip', attrs: { type: 'button', 'aria-pressed': String(state.queue === queue), 'data-queue': queue },
        }, [
          el('span', { text }),
          el('span', { className: 'count', text: ` ${counts.open}` }),
          counts.overdue ? el('span', { className: 'badge overdue-badge', text: `${counts.overdue} overdue` }) : null,
        ]);
        button.addEventListener('click', () => { state.queue = queue; loadQueues(); });
        return el('li', {}, [button]);
      };
      const total = { open: counted.body.open, overdue: counted.body.overdue };
      $('queue-summary').replaceChildren(queueButton('', 'All queues', total),
        ...[...summary.keys()].sort().map((queue) => queueButton(queue, queue, summary.get(queue))));
      state.queueCounts = state.queue ? summary.get(state.queue) || { open: 0, overdue: 0 } : total;
      state.queueTasks = [];
      state.queueNext = null;
      await loadQueuePage();
    } catch (error) {
      fail(error);
    }
  }

  // The next page of the queue shown, appended to the rows shown.
  async function loadQueuePage() {
    const queue = state.queue;
    const filter = { status: 'OPEN', order: 'DUE', limit: String(QUEUE_PAGE) };
    if (queue) filter.queue = queue;
    if (state.queueNext) filter.cursor = state.queueNext;
    const page = await api(`api/tasks?${new URLSearchParams(filter)}`);
    if (queue !== state.queue) return;
    if (page.status !== 200) {
      showStatus(problemText(page), true);
      return;
    }
    state.queueTasks = state.queueTasks.concat(page.body.tasks || []);
    state.queueNext = page.body.nextCursor || null;
    renderQueueTasks();
  }

  function renderQueueTasks() {
    const tasks = state.queueTasks;
    const counts = state.queueCounts;
    $('queue-caption').textContent = (state.queue ? `Open tasks of the queue ${state.queue}` : 'Open tasks of every queue')
      + ` (${tasks.length} of ${counts.open} shown)`;
    $('queue-tasks-body').replaceChildren(...tasks.map((task) => {
      const what = `the ${label(task.type).toLowerCase()} task due ${task.dueAt}`;
      // The accessible name starts with the visible text (WCAG 2.5.3).
      const shortId = `${String(task.customerId).slice(0, 8)}…`;
      const customer = el('button', { className: 'link', text: shortId,
        attrs: { type: 'button', title: task.customerId, 'aria-label': `${shortId} open the customer of ${what}` } });
      customer.addEventListener('click', () => showCustomer(task.customerId));
      const claim = el('button', { className: 'small secondary', text: 'Claim', attrs: { type: 'button', 'aria-label': `Claim ${what}` } });
      claim.addEventListener('click', () => claimTask(task, claim));
      claim.hidden = !mayWorkTasks() || task.assignee === state.user;
      return el('tr', { className: task.overdue ? 'overdue' : '', attrs: { 'data-task-id': task.taskId } }, [
        el('td', {}, [el('strong', { text: label(task.type) })]),
        el('td', {}, [customer]),
        el('td', { className: 'time' }, [time(task.dueAt)]),
        el('td', {}, [timeLeft(task)]),
        el('td', { text: task.queue }),
        el('td', { text: task.assignee || '—' }),
        el('td', { text: String(task.escalationTier ?? 0) }),
        el('td', { className: 'task-actions' }, [claim]),
      ]);
    }));
    $('queue-empty').hidden = tasks.length > 0;
    $('queue-more').hidden = !state.queueNext;
  }

  // --- ops -------------------------------------------------------------------------------------------------

  const millis = (value) => {
    if (value === null || value === undefined) return '—';
    if (value < 1000) return `${Math.round(value)} ms`;
    if (value < 60000) return `${(value / 1000).toFixed(1)} s`;
    return span(value);
  };

  const cells = (...values) => values.map((value) => el('td', { text: value === null || value === undefined ? '—' : String(value) }));

  async function loadOps() {
    try {
      const result = await api('api/ops/overview');
      if (result.status !== 200) {
        setOpsStatus(false, problemText(result));
        return;
      }
      renderOps(result.body);
      setOpsStatus(true, `Updated ${new Date(result.body.generatedAt).toLocaleTimeString()} · every ${OPS_REFRESH_MS / 1000} s`);
    } catch (error) {
      setOpsStatus(false, 'The overview could not be loaded');
      fail(error);
    }
  }

  function setOpsStatus(on, text) {
    const status = $('ops-updated');
    status.textContent = text;
    status.classList.toggle('on', on);
    status.classList.toggle('off', !on);
  }

  function renderOps(o) {
    const channels = o.throughput.channels || [];
    $('ops-throughput').replaceChildren(
      ...channels.map((c) => el('tr', {}, [el('td', {}, [el('span', { className: `channel ${c.channel}`, text: label(c.channel) })]),
        ...cells(c.lastMinute, c.total)])),
      el('tr', { className: 'total' }, [el('th', { attrs: { scope: 'row' }, text: 'All' }), ...cells(o.throughput.lastMinute, o.throughput.total)]));

    $('ops-p50').textContent = millis(o.freshness.p50Millis);
    $('ops-p99').textContent = millis(o.freshness.p99Millis);
    $('ops-max').textContent = millis(o.freshness.maxMillis);
    $('ops-fresh-count').textContent = o.freshness.count;
    $('ops-merges').textContent = o.merges.merges;
    $('ops-unmerges').textContent = o.merges.unmerges;

    const lag = o.consumerLag;
    $('ops-lag-group').textContent = lag.group ? `(group ${lag.group}, total ${lag.total})` : '';
    $('ops-lag-error').hidden = !lag.error;
    $('ops-lag-error').textContent = lag.error ? `Lag unavailable: ${lag.error}` : '';
    $('ops-lag').replaceChildren(...lag.partitions.map((p) => el('tr', { className: p.lag > 0 ? 'lagging' : '' },
      [el('td', {}, [el('code', { text: `${p.topic}-${p.partition}` })]), ...cells(p.committed, p.end, p.lag)])));

    const tasks = o.tasks;
    $('ops-sla-total').textContent = `(${tasks.overdue} overdue of ${tasks.open} open)`;
    const rows = (tasks.byTypeAndQueue || []).slice().sort((a, b) => b.overdue - a.overdue || a.type.localeCompare(b.type));
    $('ops-sla').replaceChildren(...rows.map((r) => el('tr', { className: r.overdue > 0 ? 'overdue' : '' },
      cells(label(r.type), r.queue, r.open, r.overdue))));
    if (!rows.length) $('ops-sla').replaceChildren(el('tr', {}, [el('td', { className: 'muted', text: 'No open tasks.', attrs: { colspan: '4' } })]));

    const dlt = o.deadLetters;
    $('ops-dlt-total').textContent = dlt.total === null || dlt.total === undefined ? '' : `(${dlt.total} records)`;
    $('ops-dlt-error').hidden = !dlt.error;
    $('ops-dlt-error').textContent = dlt.error ? `Dead letters unavailable: ${dlt.error}` : '';
    $('ops-dlt').replaceChildren(...(dlt.topics || []).map((topic) => el('section', { className: 'dlt-topic', attrs: { 'data-topic': topic.topic } }, [
      el('h4', {}, [el('code', { text: topic.topic }), el('span', { className: 'badge', text: `${topic.records} records` })]),
      topic.latest.length
        ? el('ol', { className: 'dlt-latest' }, topic.latest.map((letter) => el('li', {}, [
          time(letter.failedAt || letter.timestamp),
          el('span', { className: 'reason', text: ` ${letter.reason || '(no reason)'}` }),
          el('span', { className: 'muted', text: ` · ${(letter.exception || '').split('.').pop()} · from ${letter.sourceTopic}-${letter.sourcePartition}@${letter.sourceOffset}` }),
        ])))
        : el('p', { className: 'muted', text: 'Empty.' }),
    ])));
    if (!(dlt.topics || []).length && !dlt.error) $('ops-dlt').replaceChildren(el('p', { className: 'muted', text: 'No dead-letter topics.' }));
  }

  // --- views -----------------------------------------------------------------------------------------------

  function showView(view) {
    for (const tab of document.querySelectorAll('.view-tab')) tab.setAttribute('aria-pressed', String(tab.dataset.view === view));
    for (const pane of document.querySelectorAll('#main > .view')) pane.hidden = pane.id !== `view-${view}`;
    // Views in files of their own (work.js, …) load when shown.
    document.dispatchEvent(new CustomEvent('omnirouter:view-shown', { detail: { view } }));
    clearInterval(state.opsTimer);
    state.opsTimer = null;
    if (view === 'queues') {
      loadQueues();
      $('queues-heading').focus();
    } else if (view === 'ops') {
      loadOps();
      state.opsTimer = setInterval(loadOps, OPS_REFRESH_MS);
      $('ops-heading').focus();
    }
  }

  // --- conversation ----------------------------------------------------------------------------------------

  // Thread keys may hold '/', ':' and '@': each part is encoded, the slashes stay (the API reads the rest of the path).
  const threadPath = (threadKey) => threadKey.split('/').map(encodeURIComponent).join('/');

  // A conversation opens inline, in a row right under the contact whose thread was clicked; closed, it goes back home.
  async function openThread(threadKey, contactRow) {
    try {
      const customerId = state.customerId;
      const result = await api(withAsOf(`api/customers/${encodeURIComponent(customerId)}/threads/${threadPath(threadKey)}`));
      if (customerId !== state.customerId) return;
      if (result.status !== 200) {
        showStatus(problemText(result), true);
        return;
      }
      $('thread-key').textContent = threadKey;
      $('thread-items').replaceChildren(...result.body.items.map((item) => el('li', { className: item.direction }, [
        el('div', { className: 'meta' }, [
          time(item.occurredAt),
          el('span', { text: ` · ${label(item.channel)} · ${label(item.direction)} · ${label(item.kind)}` }),
          item.callbackFor ? el('span', { className: 'callback-for', text: ' · callback' }) : null,
          detailsSpan(item, 'details', ' · '),
          item.agentId ? el('span', { text: ` · agent ${item.agentId}` }) : null,
          item.customerName ? el('span', { text: ' · from ' }) : null,
          item.customerName ? el('span', { className: 'sender', text: item.customerName }) : null,
        ]),
        item.subject ? el('strong', { text: item.subject }) : null,
        item.text ? el('p', { className: 'text', text: item.text }) : null,
        item.attachmentNames && item.attachmentNames.length
          ? el('ul', { className: 'attachments', attrs: { 'aria-label': 'Attachments' } },
            item.attachmentNames.map((name) => el('li', { text: name })))
          : null,
      ])));
      closeThreadRow();
      if (contactRow && contactRow.isConnected) {
        const cell = el('td', { attrs: { colspan: String(contactRow.cells.length) } });
        const threadRow = el('tr', { className: 'thread-row' }, [cell]);
        contactRow.after(threadRow);
        cell.append($('thread'));
      }
      $('thread').hidden = false;
      $('thread-heading').focus();
    } catch (error) {
      fail(error);
    }
  }

  function closeThread() {
    $('thread').hidden = true;
    $('thread-items').replaceChildren();
    closeThreadRow();
  }

  function closeThreadRow() {
    const threadRow = $('thread').closest('tr.thread-row');
    if (!threadRow) return;
    $('customer').append($('thread'));
    threadRow.remove();
  }

  // --- live updates ----------------------------------------------------------------------------------------

  function setLive(on, text) {
    const live = $('live-status');
    live.textContent = text;
    live.classList.toggle('on', on);
    live.classList.toggle('off', !on);
    live.dataset.state = on ? 'open' : 'closed';
  }

  function closeStream() {
    if (state.stream) {
      state.stream.close();
      state.stream = null;
    }
  }

  function openStream() {
    closeStream();
    state.streamBroken = false;
    setLive(false, 'Connecting to live updates…');
    const customerId = state.customerId;
    const stream = new EventSource(`api/stream?${new URLSearchParams({ customerId })}`);
    state.stream = stream;
    stream.addEventListener('open', () => {
      // After a reconnect EventSource sends the last id it got: the stream resumes there, on any instance, with
      // nothing missed; where it cannot, it says so with a resync first.
      state.streamBroken = false;
      setLive(true, 'Live: new contacts appear as they arrive');
    });
    stream.addEventListener('resync', () => reloadCustomer());
    stream.addEventListener('error', () => {
      state.streamBroken = true;
      setLive(false, stream.readyState === EventSource.CLOSED ? 'Live updates stopped: reload the page' : 'Reconnecting to live updates…');
    });
    stream.addEventListener('contact', () => {
      refreshNewest();
      loadConsents().catch(fail); // a contact may give or withdraw consents
    });
    stream.addEventListener('merge', (event) => {
      const merge = JSON.parse(event.data);
      if (merge.mergedId === state.customerId) {
        // This customer is now part of another one: follow it.
        showStatus(`This customer was merged into ${merge.survivorId}: showing that customer.`);
        openCustomer(merge.survivorId).catch(fail);
      } else {
        reloadCustomer();
      }
    });
    stream.addEventListener('unmerge', () => reloadCustomer());
    // A task of this customer changed (opened, escalated, assigned, closed): the list again.
    stream.addEventListener('task', () => loadTasks());
  }

  async function reloadCustomer() {
    try {
      await loadProfile(null);
      await loadConsents();
      await loadTimeline();
      await loadTasks();
    } catch (error) {
      fail(error);
    }
  }

  // What the console's other files (one per panel) share with this one: the API calls and the page helpers.
  // csrfToken for the changes post() does not send (PUT, DELETE); knownCsrf without a fetch (a page that is closing);
  // forgetCsrf after a 403 (perhaps a new session).
  // Opens a customer in the customers view, from another view.
  function showCustomer(customerId) {
    showView('customers');
    openCustomer(customerId).catch(fail);
  }

  window.omnirouterConsole = Object.freeze({ api, post, send, el, time, span, label, timeLeft, actOnTask, withButton, showCustomer,
    fail, showStatus, problemText, csrfToken,
    knownCsrf: () => state.csrf, forgetCsrf: () => { state.csrf = null; },
    currentUser: () => ({ user: state.user, roles: state.roles }) });

  document.addEventListener('DOMContentLoaded', () => {
    $('lookup-form').addEventListener('submit', lookup);
    document.addEventListener('keydown', keyboardShortcut);
    $('older').addEventListener('click', loadOlder);
    $('timeline-filters').addEventListener('change', () => loadTimeline().catch(fail));
    $('thread-close').addEventListener('click', closeThread);
    $('note-form').addEventListener('submit', addNote);
    $('as-of-form').addEventListener('submit', showAsOf);
    $('as-of-now').addEventListener('click', showNow);
    $('queues-refresh').addEventListener('click', loadQueues);
    $('queue-more').addEventListener('click', () => withButton($('queue-more'), loadQueuePage));
    for (const tab of document.querySelectorAll('.view-tab')) tab.addEventListener('click', () => showView(tab.dataset.view));
    setInterval(tickTimesLeft, 30000);
    showSignedIn();
    $('lookup-value').focus();
  });
})();
