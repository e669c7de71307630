// The connctd Developer Center dashboard: renders the snapshots the server pushes (server-sent events) and sends
// commands as JSON. Text from the connector is only ever set as textContent, never parsed as HTML.
"use strict";

const state = { snapshot: null, renderedThings: "", renderedSchema: "", inputs: new Map() };

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function time(value) {
  return value ? new Date(value).toLocaleTimeString() : "";
}

function config(values) {
  return Object.entries(values || {}).map(([id, value]) => `${id}=${value}`).join(", ");
}

async function command(name, body) {
  const response = await fetch(`/dashboard/${name}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${answer.error}: ${answer.description}`);
  return answer;
}

function show(target, promise) {
  const output = document.getElementById(target);
  output.className = "result";
  output.textContent = "sending…";
  promise.then(result => {
    const good = result.statusCode >= 200 && result.statusCode < 300 || result.statusCode === undefined;
    output.className = "result " + (good ? "good" : "bad");
    const detail = result.errorCode ? ` ${result.errorCode}${result.description ? ": " + result.description : ""}` : "";
    output.textContent = `${result.id}: connector answered ${result.statusCode} → ${result.outcome}${detail}`;
  }, error => {
    output.className = "result bad";
    output.textContent = error.message;
  });
}

// ---- configuration forms, generated from the schema (or free id=value lines without one) -------------------------

function renderFields(scope, parameters, hasSchema) {
  const container = document.querySelector(`.fields[data-scope="${scope}"]`);
  container.replaceChildren();
  if (!hasSchema) {
    container.append(el("label", {}, "Configuration (id=value per line)", el("textarea", { name: "__free", "data-testid": `${scope}-free` })));
    return;
  }
  for (const parameter of parameters) {
    const type = parameter.displayType === "PASSWORD" ? "password"
      : parameter.valueType === "NUMBER" ? "number" : parameter.valueType === "BOOLEAN" ? "checkbox" : "text";
    const input = el("input", { name: parameter.id, type, required: parameter.required && type !== "checkbox", title: parameter.description || null, autocomplete: "off" });
    if (type === "number") input.step = "any";
    container.append(el("label", {}, `${parameter.name || parameter.id}${parameter.required ? " *" : ""}`, input));
  }
}

function readConfiguration(form) {
  const values = {};
  for (const input of form.querySelectorAll("input, textarea")) {
    if (input.name === "__id") continue;
    if (input.name === "__free") {
      for (const line of input.value.split("\n")) {
        const at = line.indexOf("=");
        if (at > 0) values[line.slice(0, at).trim()] = line.slice(at + 1).trim();
      }
      continue;
    }
    if (input.type === "checkbox") values[input.name] = input.checked ? "true" : "false";
    else if (input.value !== "") values[input.name] = input.value;
  }
  return values;
}

// ---- rendering -----------------------------------------------------------------------------------------------------

function renderSettings(settings) {
  const rows = [
    ["Connctd__PublicKey", settings.publicKey],
    ["Connctd__PlatformUrl", settings.platformUrl],
    ["Connector", settings.connectorUrl],
    ["Callback URLs", settings.callbackUrls.join("  ")],
  ];
  document.getElementById("settings").replaceChildren(...rows.flatMap(([name, value]) => [el("dt", { text: name }), el("dd", { text: value })]));
  const schema = JSON.stringify([settings.hasSchema, settings.installationParameters, settings.instanceParameters]);
  if (schema !== state.renderedSchema) {
    state.renderedSchema = schema;
    renderFields("installation", settings.installationParameters, settings.hasSchema);
    renderFields("instance", settings.instanceParameters, settings.hasSchema);
  }
}

function step(setup) {
  if (!setup.furtherStep) return "";
  if (setup.furtherStepType === "REDIRECT") return el("a", { href: setup.furtherStep, target: "_blank", rel: "noopener", text: setup.furtherStep });
  return `${setup.furtherStepType}: ${setup.furtherStep}`;
}

function renderSetups(snapshot) {
  const installations = document.querySelector("#installations tbody");
  installations.replaceChildren(...snapshot.installations.map(installation => el("tr", { "data-id": installation.id, class: installation.isRemoved ? "removed" : null },
    el("td", { class: "mono", text: installation.id }),
    el("td", { class: `state state-${installation.state}`, text: installation.isRemoved ? `${installation.state} (removed)` : installation.state }),
    el("td", {}, step(installation)),
    el("td", { class: "mono", text: config(installation.configuration) }),
    el("td", {}, installation.isRemoved ? null : el("button", { type: "button", class: "danger",
      onclick: () => show("install-result", command("uninstall", { id: installation.id })) }, "Uninstall")))));

  const select = document.getElementById("instantiate-installation");
  const chosen = select.value;
  const live = snapshot.installations.filter(installation => !installation.isRemoved);
  select.replaceChildren(...live.map(installation => el("option", { value: installation.id, text: `${installation.id} (${installation.state})` })));
  if (live.some(installation => installation.id === chosen)) select.value = chosen;
  else if (live.length > 0) select.value = live[live.length - 1].id;

  const instances = document.querySelector("#instances tbody");
  instances.replaceChildren(...snapshot.instances.map(instance => el("tr", { "data-id": instance.id, class: instance.isRemoved ? "removed" : null },
    el("td", { class: "mono", text: instance.id }),
    el("td", { class: "mono", text: instance.installationId }),
    el("td", { class: `state state-${instance.state}`, text: instance.isRemoved ? `${instance.state} (removed)` : instance.state }),
    el("td", {}, step(instance)),
    el("td", { class: "mono", text: config(instance.configuration) }),
    el("td", {}, instance.isRemoved ? null : el("button", { type: "button", class: "danger",
      onclick: () => show("instantiate-result", command("remove-instance", { id: instance.id })) }, "Remove")))));
}

function actionForm(thing, component, action) {
  const key = `${thing.id}/${component.id}/${action.id}`;
  const inputs = action.parameters.map(parameter => {
    const inputKey = `${key}/${parameter.id}`;
    const input = el("input", { name: parameter.id, placeholder: parameter.type, value: state.inputs.get(inputKey) ?? "", autocomplete: "off",
      oninput: event => state.inputs.set(inputKey, event.target.value) });
    return el("label", {}, parameter.name, input);
  });
  return el("form", { "data-action": key, onsubmit: event => {
    event.preventDefault();
    const parameters = {};
    for (const input of event.target.querySelectorAll("input")) parameters[input.name] = input.value;
    show("action-result", command("action", { thingId: thing.id, componentId: component.id, actionId: action.id, parameters }));
  } }, ...inputs, el("button", { type: "submit" }, `Run ${action.name || action.id}`));
}

function renderThings(things) {
  const rendered = JSON.stringify(things);
  if (rendered === state.renderedThings) return;
  const previous = new Map();
  for (const cell of document.querySelectorAll("#things [data-property]")) previous.set(cell.dataset.property, cell.textContent);
  state.renderedThings = rendered;
  const container = document.getElementById("things");
  if (things.length === 0) {
    container.replaceChildren(el("p", { class: "empty", text: "No things yet: install and instantiate." }));
    return;
  }
  container.replaceChildren(...things.map(thing => el("article", { class: "thing" + (thing.isDeleted ? " removed" : ""), "data-thing-id": thing.id },
    el("h3", { text: `${thing.name} · ${thing.id}` }),
    el("div", { class: "meta" }, `${thing.displayType} · instance ${thing.instanceId} · `,
      el("span", { class: `status-${thing.status}`, "data-status": thing.id, text: thing.isDeleted ? "DELETED" : thing.status })),
    ...thing.components.map(component => el("section", { class: "component" },
      el("table", {},
        el("thead", {}, el("tr", {}, el("th", { text: `${component.id} (${component.componentType})` }), el("th", { text: "value" }), el("th", { text: "updated" }))),
        el("tbody", {}, ...component.properties.map(property => {
          const key = `${thing.id}/${component.id}/${property.id}`;
          const value = property.value + (property.unit ? ` ${property.unit}` : "");
          const changed = previous.has(key) && previous.get(key) !== value;
          return el("tr", {},
            el("td", { text: `${property.name || property.id} (${property.type})` }),
            el("td", { class: "value" + (changed ? " changed" : ""), "data-property": key, text: value }),
            el("td", { text: time(property.lastUpdate) }));
        }))),
      thing.isDeleted ? null : el("div", { class: "component-actions" }, ...component.actions.map(action => actionForm(thing, component, action))))))));
}

function renderActions(requests) {
  document.querySelector("#actions tbody").replaceChildren(...requests.slice().reverse().map(request => el("tr", { "data-id": request.id },
    el("td", { class: "mono", text: request.id }),
    el("td", { class: "mono", text: request.thingId }),
    el("td", { class: "mono", text: `${request.componentId}/${request.actionId}` }),
    el("td", { class: "mono", text: config(request.parameters) }),
    el("td", { class: `status-${request.status}`, text: request.status }),
    el("td", { text: request.error || "" }))));
}

function renderLog(log) {
  document.querySelector("#log tbody").replaceChildren(...log.slice().reverse().map(entry => el("tr", { class: `log-${entry.direction}` },
    el("td", { text: time(entry.at) }),
    el("td", { text: entry.direction === "callback" ? "platform → connector" : "connector → platform" }),
    el("td", { class: "mono", text: `${entry.method} ${entry.target}` }),
    el("td", { text: entry.statusCode === 0 ? "—" : `${entry.statusCode}${entry.errorCode ? " " + entry.errorCode : ""}` }),
    el("td", { class: "verdict " + (entry.good ? "good" : "bad"), text: entry.verdict }))));
}

function render(snapshot) {
  state.snapshot = snapshot;
  renderSettings(snapshot.settings);
  renderSetups(snapshot);
  renderThings(snapshot.things);
  renderActions(snapshot.actionRequests);
  renderLog(snapshot.log);
  document.getElementById("faults").replaceChildren(...(snapshot.faults.length ? snapshot.faults : ["none: the platform answers normally"]).map(text => el("li", { text })));
}

// ---- wiring --------------------------------------------------------------------------------------------------------

function connect() {
  const live = document.getElementById("live");
  const events = new EventSource("/dashboard/events");
  events.addEventListener("snapshot", event => render(JSON.parse(event.data)));
  events.onopen = () => { live.textContent = "live"; live.className = "badge on"; };
  events.onerror = () => { live.textContent = "reconnecting…"; live.className = "badge off"; };
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("install-form").addEventListener("submit", event => {
    event.preventDefault();
    const form = event.target;
    show("install-result", command("install", { id: form.elements.__id.value || null, configuration: readConfiguration(form) }));
  });
  document.getElementById("instantiate-form").addEventListener("submit", event => {
    event.preventDefault();
    const form = event.target;
    show("instantiate-result", command("instantiate", {
      installationId: form.elements.__installation.value, id: form.elements.__id.value || null, configuration: readConfiguration(form) }));
  });
  document.getElementById("bad-callback-form").addEventListener("submit", event => {
    event.preventDefault();
    show("bad-callback-result", command("bad-callback", { signing: event.target.elements.signing.value }));
  });
  document.getElementById("fault-form").addEventListener("submit", event => {
    event.preventDefault();
    const form = event.target.elements;
    const number = name => form[name].value === "" ? null : Number(form[name].value);
    command("fault", { fault: form.fault.value, count: number("count"), statusCode: number("statusCode"),
      milliseconds: number("milliseconds"), seconds: number("seconds"), operation: form.operation.value || null }).catch(error => alert(error.message));
  });
  document.getElementById("clear-faults").addEventListener("click", () => command("fault", { fault: "clear" }));
  fetch("/dashboard/state").then(response => response.json()).then(render);
  connect();
});
