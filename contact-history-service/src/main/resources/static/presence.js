// Presence (issue 14, item 7): who else is looking at the customer shown, on any instance, so that two agents do not
// answer the same customer at once. While a customer is shown (now, not as of a past instant) and the page is visible,
// a heartbeat (PUT api/customers/{id}/viewers/me) every heartbeatIntervalMillis answers the others looking at it;
// showing another customer or closing the page says so (DELETE). Names are put on the page as text only.
'use strict';

(() => {
  const { fail, showStatus, currentUser, csrfToken, knownCsrf, forgetCsrf } = window.omnirouterConsole;
  const $ = (id) => document.getElementById(id);

  const presence = {
    customerId: null,     // the customer this page heartbeats for, null when none
    generation: 0,        // bumped whenever the customer or the visibility changes: a stale heartbeat loop stops
    timer: null,
    intervalMs: 10000,    // until the API says (heartbeatIntervalMillis)
  };

  // console.js's post() sends POST only: a heartbeat is a PUT and leaving a DELETE, with the session's CSRF token
  // (console.js's csrfToken).
  // keepalive: the request outlives the page (sendBeacon cannot send a DELETE with the CSRF header).
  function send(method, customerId, csrf, keepalive = false) {
    return fetch(`api/customers/${encodeURIComponent(customerId)}/viewers/me`, {
      method, credentials: 'same-origin', keepalive, headers: { Accept: 'application/json', [csrf.header]: csrf.token },
    });
  }

  // Agents and supervisors are viewers; a user with neither role (OPS) has no presence.
  const mayView = () => {
    const { roles } = currentUser();
    return !roles.length || roles.includes('AGENT') || roles.includes('SUPERVISOR');
  };

  function render(viewers) {
    const names = viewers.map((viewer) => viewer.agentId);
    $('viewers').textContent = names.length ? `Also looking at this customer: ${names.join(', ')}` : '';
  }

  function stop() {
    presence.generation += 1;
    clearTimeout(presence.timer);
    presence.timer = null;
  }

  async function beat(generation) {
    const customerId = presence.customerId;
    try {
      const response = await send('PUT', customerId, await csrfToken());
      if (generation !== presence.generation) return;
      if (response.status === 401) {
        showStatus('Your session has ended: sign in again (reload the page).', true);
        return stop();
      }
      if (response.status === 403) {
        forgetCsrf(); // perhaps a new session; a user who may not view gets no presence line
        if (!mayView()) return render([]);
      }
      if (response.status === 200) {
        const body = await response.json();
        if (generation !== presence.generation) return;
        presence.intervalMs = Math.max(100, body.heartbeatIntervalMillis || presence.intervalMs);
        render(body.viewers || []);
      }
    } catch (error) {
      if (generation !== presence.generation) return;
      fail(error);
    }
    presence.timer = setTimeout(() => beat(generation), presence.intervalMs);
  }

  function start() {
    stop();
    if (presence.customerId && !document.hidden && mayView()) beat(presence.generation);
  }

  // The customer this page looked at is no longer shown: no longer counted as looking (without waiting for the TTL).
  function leave(keepalive = false) {
    const customerId = presence.customerId;
    stop();
    presence.customerId = null;
    render([]);
    const csrf = knownCsrf();
    if (customerId && csrf) send('DELETE', customerId, csrf, keepalive).catch(() => {});
  }

  document.addEventListener('omnirouter:customer-shown', (event) => {
    const { customerId, asOf } = event.detail;
    if (presence.customerId && (presence.customerId !== customerId || asOf)) leave();
    if (asOf) return; // a past instant is not looking at the customer now
    presence.customerId = customerId;
    start();
  });

  // Hidden (another tab, a minimized window): no heartbeats, so the others stop seeing this agent after the TTL; shown
  // again, a heartbeat at once.
  document.addEventListener('visibilitychange', () => (document.hidden ? stop() : start()));
  window.addEventListener('pagehide', () => leave(true));
})();
