// The editor page: state, talking to the server, saving, and changes on disk.
import { renderForm } from "./form.js";
import { showOutdated, showPictures, showProblems } from "./preview.js";
import { goToLine, markLines, setSource, setupSource, sourceText } from "./source.js";
import { el, setMessages, t } from "./text.js";

const PAUSE = 150; // ms after the last keystroke before the preview is rebuilt
const token = document.querySelector('meta[name="brochure-token"]').content;
// This tab, for the server: it keeps the pictures of each open tab's preview until it is replaced.
const pageId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
const $ = (id) => document.getElementById(id);

const state = {
  version: "", // the file on disk this page started from
  text: "", // the text the pending form edits apply to
  ops: [], // form edits not saved yet
  mergeable: true, // only field edits: they can be combined with a change made elsewhere
  dirty: false,
  mode: "form",
  model: null,
  images: [],
  art: [],
  diagnostics: [],
  build: 0, // the newest build this page asked for
  timer: 0,
};
window.brochure = state; // for tests and the curious

async function call(path, body, { method = "POST" } = {}) {
  const response = await fetch(path, {
    method,
    headers: method === "POST" ? { "Content-Type": "application/json", "X-Brochure-Token": token } : {},
    body: method === "POST" ? JSON.stringify(body) : undefined,
    credentials: "same-origin",
  });
  const data = await response.json().catch(() => ({}));
  return { status: response.status, data };
}

// Two lines of news: the preview's (#status) and the file's (#file-state: saved, reloaded, ...).
function say(key, values) {
  $("status").textContent = t(key, values);
}

function note(key, values) {
  $("file-state").textContent = t(key, values);
}

function setDirty(dirty) {
  if (dirty && !state.dirty) note("status.unsaved");
  state.dirty = dirty;
  document.body.classList.toggle("dirty", dirty);
  $("save").textContent = dirty ? t("save.dirty") : t("save");
}

// A form field changed: remember the edit (one per field, with the value it had before).
function fieldEdit(op) {
  const same = (o) => o.op === op.op && o.field === op.field && o.panel === op.panel && o.index === op.index;
  const earlier = state.ops.find(same);
  if (earlier) earlier.value = op.value;
  else state.ops.push({ ...op, old: oldValue(op) });
  if (op.op === "meta" && op.field === "title") $("leaflet-title").textContent = op.value ? `— ${op.value}` : "";
  setDirty(true);
  schedule();
}

function oldValue(op) {
  const model = state.model;
  if (op.op === "meta") return model.meta[op.field];
  if (op.op === "theme") return model.theme[op.field];
  if (op.op === "fold") return model.fold[op.field];
  const panel = model.panels.find((p) => p.name === op.panel);
  const value = panel ? panel.blocks[op.index].fields[op.field] : "";
  return Array.isArray(value) ? value.join("\n") : value;
}

// A block added, removed or moved: applied at once and the form drawn again.
async function structureEdit(op) {
  const { status, data } = await call("/api/model", { text: state.text, ops: [...state.ops, op] });
  if (status !== 200) return say("status.failed", { reason: data.error || status });
  state.text = data.text;
  state.ops = [];
  state.mergeable = false;
  state.model = data.model;
  setDirty(true);
  draw();
  schedule(0);
}

function schedule(delay = PAUSE) {
  clearTimeout(state.timer);
  state.timer = setTimeout(rebuild, delay);
}

async function rebuild() {
  const number = ++state.build;
  say("status.building");
  const { status, data } = await call("/api/build", { text: state.text, ops: state.ops, page: pageId });
  if (number !== state.build) return; // a newer edit is on its way
  if (data.stale) return schedule(); // another tab's edit went first: ask again after it
  if (status !== 200) return say("status.failed", { reason: data.error || status });
  if (data.model) {
    state.model = data.model;
    if (state.mode === "form") updateLines(data.model);
  }
  state.diagnostics = data.diagnostics;
  await showPictures(data.images, () => number === state.build);
  if (number !== state.build) return;
  showOutdated(Boolean(data.outdated));
  showProblems(data.diagnostics, state.model, go);
  markLines(data.diagnostics.map((d) => d.line).filter(Boolean));
  document.body.dataset.build = String(number);
  const errors = data.diagnostics.filter((d) => d.severity === "error").length;
  say(errors ? "status.errors" : "status.built", { errors, ms: Math.round(data.seconds * 1000) });
}

// The model's line numbers changed with an edit; the form itself stays as the author left it.
function updateLines(model) {
  if (state.formShape !== shape(model)) draw();
}

const shape = (model) => model.panels.map((p) => `${p.name}:${p.blocks.map((b) => b.kind).join(",")}`).join("|");

function draw() {
  if (!state.model) return;
  state.formShape = shape(state.model);
  renderForm($("form"), state.model, state, { field: fieldEdit, structure: structureEdit, upload });
  $("leaflet-title").textContent = state.model.meta.title ? `— ${state.model.meta.title}` : "";
  showProblems(state.diagnostics, state.model, go);
}

// Clicking a problem: the cursor goes to its block (form) or its line (source).
function go(diagnostic, place) {
  if (state.mode === "source" || !place) {
    if (state.mode !== "source") return switchView("source").then(() => goToLine(diagnostic.line, diagnostic.column));
    return goToLine(diagnostic.line, diagnostic.column);
  }
  const card = $(`b-${place.panel}-${place.index}`) || $(`panel-${place.panel}`);
  const target = card && card.querySelector("textarea, input:not([type=file]), select");
  if (target) {
    target.focus();
    card.scrollIntoView({ block: "nearest" });
  }
}

async function switchView(mode) {
  if (mode === state.mode) return;
  if (mode === "source") {
    const { data } = await call("/api/model", { text: state.text, ops: state.ops, tolerant: true });
    setSource(data.text ?? state.text);
  } else {
    const { status, data } = await call("/api/model", { text: sourceText(), ops: [] });
    if (status !== 200) return say("status.form_needs_yaml", { reason: data.error || "" });
    state.model = data.model;
    draw();
  }
  state.mode = mode;
  $("form").hidden = mode !== "form";
  $("source").hidden = mode !== "source";
  $("view-form").setAttribute("aria-pressed", String(mode === "form"));
  $("view-source").setAttribute("aria-pressed", String(mode === "source"));
}

function sourceEdit(text) {
  state.text = text;
  state.ops = [];
  state.mergeable = false;
  setDirty(true);
  schedule();
}

async function save({ force = false } = {}) {
  clearTimeout(state.timer);
  note("status.saving");
  const body = { version: state.version, text: state.text, ops: state.ops, mergeable: state.mergeable, force };
  const { status, data } = await call("/api/save", body);
  if (status === 409) {
    banner("banner.conflict", { overwrite: true, merge: false });
    return note("status.conflict");
  }
  if (status !== 200) return note("status.failed", { reason: data.error || status });
  accept(data);
  hideBanner();
  note(data.merged ? "status.merged" : "status.saved");
  schedule(0);
}

// Take a version from the server as the page's new starting point.
function accept(data) {
  state.version = data.version;
  state.text = data.text;
  state.ops = [];
  state.mergeable = true;
  if (data.model) state.model = data.model;
  setDirty(false);
  if (state.mode === "source") setSource(data.text);
  else draw();
}

async function load() {
  const { data } = await call("/api/state", null, { method: "GET" });
  setMessages(data.messages);
  state.images = data.images;
  state.art = data.art;
  accept(data);
  if (!data.model) await switchView("source");
  schedule(0);
  return data;
}

function banner(key, { overwrite = false, merge = true } = {}) {
  $("banner-text").textContent = t(key);
  $("banner-overwrite").hidden = !overwrite;
  $("banner-merge").hidden = !merge;
  $("banner").hidden = false;
}

function hideBanner() {
  $("banner").hidden = true;
}

// content.yaml changed on disk: load it if nothing here is unsaved, else say so and wait.
function listen() {
  const events = new EventSource("/events");
  events.addEventListener("disk", async (event) => {
    const { version } = JSON.parse(event.data);
    if (version === state.version) return;
    if (!state.dirty) {
      const { data } = await call("/api/state", null, { method: "GET" });
      state.images = data.images;
      accept(data);
      note("status.reloaded");
      schedule(0);
    } else {
      banner("banner.changed");
    }
  });
}

async function upload(file, panel, index) {
  note("status.uploading", { name: file.name });
  const response = await fetch("/api/upload", {
    method: "POST",
    headers: { "Content-Type": "application/octet-stream", "X-Brochure-Token": token, "X-File-Name": encodeURIComponent(file.name) },
    body: file,
  });
  const data = await response.json().catch(() => ({}));
  if (response.status !== 200) return note("status.upload_refused", { reason: data.error || response.status });
  state.images = data.images;
  note("status.uploaded", { name: data.file });
  await structureEdit({ op: "field", panel, index, kind: "image", field: "file", value: data.file, old: "" });
}

async function downloads() {
  const open = $("downloads").hidden;
  $("downloads").hidden = !open;
  $("downloads-open").setAttribute("aria-expanded", String(open));
  if (!open) return;
  $("downloads-list").replaceChildren(el("li", {}, t("downloads.preparing")));
  const { status, data } = await call("/api/downloads", null, { method: "GET" });
  if (status !== 200 || !data.files.length) {
    $("downloads-list").replaceChildren(el("li", {}, t("downloads.none")));
    return;
  }
  $("downloads-list").replaceChildren(...data.files.map((file) =>
    el("li", {}, el("a", { href: file.url, download: file.name }, file.label), ` (${file.size})`)));
  $("downloads-note").textContent = data.current ? t("downloads.note") : t("downloads.older");
}

function tabs() {
  const all = ["sheet", "mockup", "phone"].map((name) => $(`tab-${name}`));
  const pick = (tab) => {
    for (const other of all) {
      const chosen = other === tab;
      other.setAttribute("aria-selected", String(chosen));
      other.tabIndex = chosen ? 0 : -1;
      $(other.getAttribute("aria-controls")).hidden = !chosen;
    }
    tab.focus();
  };
  all.forEach((tab, n) => {
    tab.addEventListener("click", () => pick(tab));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) pick(all[(n + step + all.length) % all.length]);
    });
  });
}

function wire() {
  $("save").addEventListener("click", () => save());
  $("view-form").addEventListener("click", () => switchView("form"));
  $("view-source").addEventListener("click", () => switchView("source"));
  $("downloads-open").addEventListener("click", downloads);
  $("banner-merge").addEventListener("click", () => save());
  $("banner-overwrite").addEventListener("click", () => save({ force: true }));
  $("banner-reload").addEventListener("click", async () => { setDirty(false); hideBanner(); await load(); });
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") {
      event.preventDefault();
      save();
    }
  });
  window.addEventListener("beforeunload", (event) => {
    if (state.dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  setupSource(sourceEdit);
  tabs();
}

wire();
load().then(listen);
