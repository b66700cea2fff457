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
    streamBroken: false,   // the stream failed since it was last open: reload what may have been missed
    refreshing: null,      // the refresh of the newest contacts in progress
    refreshAgain: false,   // another one was asked for meanwhile
  };

  class SessionEnded extends Error {}

  async function api(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (response.status === 401) {
      throw new SessionEnded('Your session has ended.');
    }
    const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
    return { status: response.status, body };
  }

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
      }
    } catch (error) {
      fail(error);
    }
  }

  // --- lookup ----------------------------------------------------------------------------------------------

  async function lookup(event) {
    event.preventDefault();
    const type = $('lookup-type').value;
    const value = $('lookup-value').value.trim();
    if (!value) {
      showStatus('Type an identifier to search for.', true);
      $('lookup-value').focus();
      return;
    }
    showStatus('Searching…');
    try {
      const result = await api(`api/customers/lookup?${new URLSearchParams({ [type]: value })}`);
      if (result.status === 404) {
        showStatus(`No customer has that ${$('lookup-type').selectedOptions[0].textContent.toLowerCase()}.`, true);
        return;
      }
      if (result.status !== 200) {
        showStatus(problemText(result), true);
        return;
      }
      await openCustomer(result.body.customerId, result.body);
      showStatus('');
      $('customer-heading').focus();
    } catch (error) {
      fail(error);
    }
  }

  // --- customer --------------------------------------------------------------------------------------------

  async function openCustomer(customerId, known) {
    state.customerId = customerId;
    $('customer').hidden = false;
    $('customer-id').textContent = customerId;
    closeThread();
    await loadProfile(known);
    await loadTimeline();
    openStream();
  }

  // The profile (GET /api/customers/{id}): identifiers, merge lineage, contact span. The id of a customer merged
  // into another answers with the survivor: the console follows it.
  async function loadProfile(known) {
    const customerId = state.customerId;
    let profile = known || null;
    const result = await api(`api/customers/${encodeURIComponent(customerId)}`);
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
    $('identifiers').replaceChildren(...(profile.identifiers || []).map((identifier) => el('li', {}, [
      el('span', { className: 'type', text: label(identifier.type) }),
      el('span', { text: identifier.value }),
      identifier.shared ? el('span', { className: 'badge', text: 'shared', attrs: { title: 'no longer links customers' } }) : null,
    ])));
    renderLineage(profile.merges || []);
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

  function timelineUrl(cursor) {
    const query = new URLSearchParams({ limit: PAGE_SIZE });
    if (cursor) query.set('cursor', cursor);
    return `api/customers/${encodeURIComponent(state.customerId)}/timeline?${query}`;
  }

  async function loadTimeline() {
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
            body.insertBefore(row(item, true), [...body.rows].find((shown) => isOlder(shown.dataset, item)) || null);
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

  function row(item, fresh) {
    state.shown.add(item.contactId);
    const excerpt = el('td', { className: 'excerpt' }, [
      item.subject ? el('span', { className: 'subject', text: item.subject }) : null,
      item.textExcerpt ? el('span', { text: item.textExcerpt }) : null,
      // A contact without words (a missed call, an order event) is told by its kind.
      !item.subject && !item.textExcerpt ? el('span', { className: 'muted', text: label(item.kind) }) : null,
    ]);
    const threadButton = el('button', {
      className: 'link', text: item.threadKey,
      attrs: { type: 'button', 'aria-label': `Open the conversation ${item.threadKey}` },
    });
    threadButton.addEventListener('click', () => openThread(item.threadKey));
    const tr = el('tr', {
      className: fresh ? 'fresh' : '',
      attrs: { 'data-contact-id': item.contactId, 'data-occurred-at': item.occurredAt },
    }, [
      el('td', { className: 'time' }, [time(item.occurredAt)]),
      el('td', {}, [el('span', { className: `channel ${item.channel}`, text: label(item.channel) })]),
      el('td', { text: label(item.direction) }),
      el('td', {}, [threadButton]),
      el('td', { text: label(item.intent) }),
      el('td', { text: item.agentId || '—' }),
      excerpt,
    ]);
    if (fresh) setTimeout(() => tr.classList.remove('fresh'), 6000);
    return tr;
  }

  // --- conversation ----------------------------------------------------------------------------------------

  // Thread keys may hold '/', ':' and '@': each part is encoded, the slashes stay (the API reads the rest of the path).
  const threadPath = (threadKey) => threadKey.split('/').map(encodeURIComponent).join('/');

  async function openThread(threadKey) {
    try {
      const customerId = state.customerId;
      const result = await api(`api/customers/${encodeURIComponent(customerId)}/threads/${threadPath(threadKey)}`);
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
          item.agentId ? el('span', { text: ` · agent ${item.agentId}` }) : null,
        ]),
        item.subject ? el('strong', { text: item.subject }) : null,
        item.text ? el('p', { className: 'text', text: item.text }) : null,
      ])));
      $('thread').hidden = false;
      $('thread-heading').focus();
    } catch (error) {
      fail(error);
    }
  }

  function closeThread() {
    $('thread').hidden = true;
    $('thread-items').replaceChildren();
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
      setLive(true, 'Live: new contacts appear as they arrive');
      if (state.streamBroken) {
        // Events are not replayed after a reconnect: catch up.
        state.streamBroken = false;
        refreshNewest();
      }
    });
    stream.addEventListener('error', () => {
      state.streamBroken = true;
      setLive(false, stream.readyState === EventSource.CLOSED ? 'Live updates stopped: reload the page' : 'Reconnecting to live updates…');
    });
    stream.addEventListener('contact', () => refreshNewest());
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
  }

  async function reloadCustomer() {
    try {
      await loadProfile(null);
      await loadTimeline();
    } catch (error) {
      fail(error);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('lookup-form').addEventListener('submit', lookup);
    $('older').addEventListener('click', loadOlder);
    $('thread-close').addEventListener('click', closeThread);
    showSignedIn();
    $('lookup-value').focus();
  });
})();
