// Supervisors' tools (issue 14, item 4), shown to SUPERVISOR only (the API refuses everyone else as well):
//  - undo a merge from the customer's merge lineage, after a preview of the two customers it will produce
//    (GET …/merges/{mergeId}/unmerge-preview, which changes nothing) and a confirmation;
//  - clear a shared identifier of the customer, after a confirmation;
//  - the Absences view: list, set and end agents' absences (GET api/absences, PUT/DELETE api/agents/{id}/absence).
// Each change is an action on agent.actions; the answer says once it is applied (202: accepted, applied soon).
'use strict';

(() => {
  const { api, post, send, el, time, label, withButton, showCustomer, fail, showStatus, problemText, currentUser } =
    window.omnirouterConsole;
  const $ = (id) => document.getElementById(id);

  const isSupervisor = () => currentUser().roles.includes('SUPERVISOR');
  const path = (...parts) => parts.map(encodeURIComponent).join('/');

  // What the console tells once a change was accepted, by the API's answer.
  function outcome(result, done) {
    if (result.status === 200 || result.status === 204) return { text: done, ok: true };
    if (result.status === 202) return { text: 'Accepted: it shows once it is applied.', ok: true };
    return { text: problemText(result), ok: false };
  }

  // --- the customer view: merges and shared identifiers ------------------------------------------------------

  document.addEventListener('omnirouter:profile-shown', (event) => {
    const { profile, asOf } = event.detail;
    // A past instant is for reading; and only supervisors change customers.
    if (asOf || !isSupervisor()) return;
    for (const merge of profile.merges || []) {
      if (merge.undone) continue;
      const item = document.querySelector(`#lineage li[data-merge-id="${CSS.escape(merge.mergeId)}"]`);
      if (item) item.append(undoMergeButton(profile.customerId, merge, item));
    }
    for (const item of document.querySelectorAll('#identifiers li[data-shared="true"]')) {
      item.append(clearSharedButton(profile.customerId, item.dataset.type, item.dataset.value, item));
    }
  });

  function undoMergeButton(customerId, merge, item) {
    const button = el('button', {
      className: 'small secondary', text: 'Undo merge…',
      attrs: { type: 'button', 'aria-label': `Undo merge… of customer ${merge.mergedId}: preview first` },
    });
    button.addEventListener('click', () => withButton(button, async () => {
      const result = await api(`api/customers/${path(customerId, 'merges', merge.mergeId, 'unmerge-preview')}`);
      if (result.status !== 200) {
        showStatus(problemText(result), true);
        return;
      }
      item.querySelector('.unmerge-preview')?.remove();
      item.append(unmergePreview(customerId, merge, result.body));
      item.querySelector('.unmerge-preview input').focus();
    }));
    return button;
  }

  // A confirmation: what will happen, an optional reason, confirm and cancel. confirmed(reason) makes the change and
  // answers the API's result and the text telling it was done; the customer is shown again once it was.
  function confirmation({ className, name, intro, confirmText, reasonId, customerId, confirmed }) {
    const confirm = el('button', { text: confirmText, attrs: { type: 'submit' } });
    const cancel = el('button', { className: 'secondary', text: 'Cancel', attrs: { type: 'button' } });
    const form = el('form', { className: `${className} inline-form`, attrs: { 'aria-label': name } }, [
      ...intro,
      el('label', { text: 'Reason (optional)', attrs: { for: reasonId } }),
      el('input', { attrs: { id: reasonId, type: 'text', maxlength: '500', autocomplete: 'off' } }),
      el('div', { className: 'task-actions' }, [confirm, cancel]),
    ]);
    cancel.addEventListener('click', () => form.remove());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      withButton(confirm, async () => {
        const reason = $(reasonId).value.trim();
        const { result, done } = await confirmed(reason ? { reason } : {});
        const told = outcome(result, done);
        if (told.ok) {
          form.remove();
          showCustomer(customerId);
        }
        showStatus(told.text, !told.ok);
      });
    });
    return form;
  }

  // The two customers the unmerge will produce, side by side, and the confirmation.
  function unmergePreview(customerId, merge, preview) {
    return confirmation({
      className: 'unmerge-preview', name: 'Unmerge preview', confirmText: 'Confirm unmerge',
      reasonId: `unmerge-reason-${merge.mergeId}`, customerId,
      intro: [
        el('p', { text: 'Undoing this merge leaves two customers:' }),
        el('div', { className: 'preview-pair' }, [
          previewOf('Stays', preview.survivor),
          previewOf('Becomes a customer again', preview.restored),
        ]),
      ],
      confirmed: async (reason) => ({
        result: await post(`api/customers/${path(customerId, 'unmerge')}`, { mergeId: merge.mergeId, ...reason }),
        done: `Merge undone: customer ${preview.restored.customerId} is a customer of its own again.`,
      }),
    });
  }

  const count = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;

  function previewOf(heading, customer) {
    const names = customer.names || [];
    return el('section', { className: 'preview-customer', attrs: { 'data-customer-id': customer.customerId } }, [
      el('h4', { text: heading }),
      el('p', {}, [el('strong', { text: names.length ? names[0] : 'Unnamed customer' }),
        el('span', { className: 'muted', text: ` ${customer.customerId}` })]),
      el('p', { className: 'preview-counts', text: `${count(customer.contactCount, 'contact')}, ${count(customer.openTaskCount, 'open task')}` }),
      el('ul', { className: 'identifiers' }, (customer.identifiers || []).map((identifier) =>
        el('li', {}, [el('span', { className: 'type', text: label(identifier.type) }), el('span', { text: identifier.value })]))),
    ]);
  }

  function clearSharedButton(customerId, type, value, item) {
    const button = el('button', {
      className: 'small secondary', text: 'Clear shared…',
      attrs: { type: 'button', 'aria-label': `Clear shared… ${label(type)} ${value}: it links contacts again` },
    });
    button.addEventListener('click', () => {
      item.querySelector('.clear-shared')?.remove();
      const reasonId = `clear-reason-${type}`;
      item.append(confirmation({
        className: 'clear-shared', name: `Clear shared ${label(type)}`, confirmText: 'Clear', reasonId, customerId,
        intro: [el('p', { text: `From now on ${value} links this customer's contacts again (until a contact shows it is shared after all).` })],
        confirmed: async (reason) => ({
          result: await post(`api/customers/${path(customerId, 'clear-shared-identifier')}`, { type, value, ...reason }),
          done: `${label(type)} ${value} is no longer marked shared.`,
        }),
      }));
      $(reasonId).focus();
    });
    return button;
  }

  // --- the Absences view -------------------------------------------------------------------------------------

  function report(text, isError = false) {
    $('absences-status').textContent = text;
    $('absences-status').classList.toggle('error', isError);
  }

  async function loadAbsences() {
    try {
      const result = await api('api/absences');
      if (result.status !== 200) {
        report(problemText(result), true);
        return;
      }
      const absences = result.body.absences || [];
      $('absences-body').replaceChildren(...absences.map((absence) => {
        const end = el('button', {
          className: 'small secondary', text: 'End',
          attrs: { type: 'button', 'aria-label': `End the absence of ${absence.agentId}` },
        });
        end.addEventListener('click', () => withButton(end, async () => {
          const ended = await send('DELETE', `api/agents/${path(absence.agentId)}/absence`);
          const told = outcome(ended, `The absence of ${absence.agentId} is ended.`);
          report(told.text, !told.ok);
          await loadAbsences();
        }));
        return el('tr', { className: absence.current ? 'current' : '', attrs: { 'data-agent-id': absence.agentId } }, [
          el('td', { text: absence.agentId }),
          el('td', { className: 'time' }, [time(absence.from)]),
          el('td', { className: 'time' }, [time(absence.until)]),
          el('td', {}, [absence.current ? el('span', { className: 'badge', text: 'away now' })
            : el('span', { className: 'muted', text: Date.parse(absence.until) < Date.now() ? 'past' : 'upcoming' })]),
          el('td', { className: 'task-actions' }, [end]),
        ]);
      }));
      $('absences-table').hidden = absences.length === 0;
      $('absences-empty').hidden = absences.length > 0;
    } catch (error) {
      fail(error);
    }
  }

  // datetime-local fields hold the browser's local time; the API takes instants.
  const instant = (local) => (local ? new Date(local).toISOString() : null);

  async function setAbsence(event) {
    event.preventDefault();
    const agent = $('absence-agent').value.trim();
    const from = instant($('absence-from').value);
    const until = instant($('absence-until').value);
    if (!agent || !from || !until) {
      report('An agent, a start and an end are needed.', true);
      return;
    }
    const reason = $('absence-reason').value.trim();
    await withButton($('absence-submit'), async () => {
      const result = await send('PUT', `api/agents/${path(agent)}/absence`, { from, until, ...(reason ? { reason } : {}) });
      const told = outcome(result, `${agent} is marked absent: tasks opened meanwhile go to the queue.`);
      report(told.text, !told.ok);
      if (told.ok) {
        $('absence-form').reset();
        await loadAbsences();
      }
    });
  }

  document.addEventListener('omnirouter:signed-in', () => {
    document.querySelector('.view-tab[data-view="absences"]').hidden = !isSupervisor();
  });

  document.addEventListener('omnirouter:view-shown', (event) => {
    if (event.detail.view !== 'absences') return;
    loadAbsences();
    $('absences-heading').focus();
  });

  document.addEventListener('DOMContentLoaded', () => {
    $('absence-form').addEventListener('submit', setAbsence);
    $('absences-refresh').addEventListener('click', loadAbsences);
  });
})();
