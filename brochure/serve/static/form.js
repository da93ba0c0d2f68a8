// The form: the leaflet's settings, then each panel in reading order with a field per block.
import { el, t } from "./text.js";

const KINDS = ["text", "heading", "list", "callout", "slogan", "image", "illustration", "footnote", "sources", "qr", "break"];
const MULTILINE = new Set(["text"]);

// Draws the whole form from the model; `on.field(op)` for a changed value, `on.structure(op)`
// for an added, removed or moved block, `on.upload(file, panel, index)` for a chosen image.
export function renderForm(form, model, state, on) {
  const focused = document.activeElement && form.contains(document.activeElement) ? document.activeElement.id : "";
  const selection = focused ? [document.activeElement.selectionStart, document.activeElement.selectionEnd] : null;
  form.replaceChildren(settings(model, on), ...model.panels.map((panel) => panelSection(panel, model, state, on)),
    ...model.emptyPanels.map((name) => panelSection({ name, blocks: [], editable: true }, model, state, on)));
  if (focused) {
    const again = document.getElementById(focused);
    if (again) {
      again.focus();
      if (selection && typeof again.setSelectionRange === "function" && selection[0] !== null) {
        try { again.setSelectionRange(...selection); } catch (_) { /* not a text field */ }
      }
    }
  }
}

function settings(model, on) {
  const meta = (field, type = "text", extra = {}) =>
    field_(`f-meta-${field}`, t(`meta.${field}`), model.meta[field], type, (value) =>
      on.field({ op: "meta", field, value }), extra);
  const colours = ["colour", "tint"].map((field) => colourField(field, model.theme[field], on));
  return el("fieldset", { class: "panel settings" },
    el("legend", {}, t("section.leaflet")),
    meta("title", "text", { required: true }), meta("subtitle"), meta("organisation"), meta("author"),
    meta("date", "date"), meta("version"), meta("language", "text", { required: true }),
    choice("f-fold-kind", t("fold.kind"), model.fold.kind, model.folds.map((k) => [k, t(`fold.${k}`)]),
      (value) => on.structure({ op: "fold", field: "kind", value })),
    choice("f-fold-paper", t("fold.paper"), model.fold.paper, [["a4", "A4"], ["letter", "US Letter"]],
      (value) => on.field({ op: "fold", field: "paper", value })),
    ...colours);
}

function colourField(field, value, on) {
  const id = `f-theme-${field}`;
  const hex = /^#[0-9a-fA-F]{6}$/.test(value || "");
  const input = el("input", {
    id, type: hex || !value ? "color" : "text", value: hex ? value.toLowerCase() : value || "#000000",
    oninput: (event) => on.field({ op: "theme", field, value: event.target.value.toUpperCase() }),
  });
  return el("div", { class: "field" }, el("label", { for: id }, t(`theme.${field}`)), input);
}

function panelSection(panel, model, state, on) {
  const heading = t(`panel.${panel.name}`);
  const section = el("fieldset", { class: "panel", id: `panel-${panel.name}` }, el("legend", {}, heading));
  if (!panel.editable) {
    section.append(el("p", { class: "note" }, t("panel.source_only")));
    return section;
  }
  panel.blocks.forEach((block, index) => section.append(blockCard(panel, block, index, model, state, on)));
  const kindId = `add-${panel.name}`;
  const select = el("select", { id: kindId }, ...KINDS.map((k) => el("option", { value: k }, t(`kind.${k}`))));
  section.append(el("div", { class: "add" },
    el("label", { for: kindId }, t("block.add_label", { panel: heading })), select,
    el("button", { type: "button", onclick: () => on.structure({
      op: "insert", panel: panel.name, index: panel.blocks.length, kind: select.value, fields: starter(select.value, state),
    }) }, t("block.add"))));
  return section;
}

function starter(kind, state) {
  const first = { text: t("starter.text"), heading: t("starter.heading"), slogan: t("starter.slogan"),
    callout: t("starter.callout"), list: [t("starter.item")], qr: "https://" };
  if (kind === "image") return { file: state.images[0] || "", alt: "" };
  if (kind === "illustration") return { name: state.art[0] };
  if (kind === "footnote") return { id: "note", text: t("starter.text") };
  if (kind === "sources") return {};
  if (kind === "break") return {};
  const short = { list: "items", qr: "url", heading: "text", text: "text", slogan: "text", callout: "text" }[kind];
  return { [short]: first[kind] };
}

function blockCard(panel, block, index, model, state, on) {
  const key = `${panel.name}-${index}`;
  const label = `${t(`kind.${block.kind}`)} ${index + 1}`;
  const op = (field, value) => on.field({ op: "field", panel: panel.name, index, kind: block.kind, field, value });
  const move = (to) => on.structure({ op: "move", panel: panel.name, index, to, kind: block.kind });
  const last = panel.blocks.length - 1;
  const head = el("div", { class: "block-head" },
    el("h3", { id: `h-${key}` }, label),
    el("button", { type: "button", class: "icon", disabled: index === 0, "aria-label": t("block.up", { block: label }),
      onclick: () => move(index - 1) }, "↑"),
    el("button", { type: "button", class: "icon", disabled: index === last, "aria-label": t("block.down", { block: label }),
      onclick: () => move(index + 1) }, "↓"),
    el("button", { type: "button", class: "icon danger", "aria-label": t("block.remove", { block: label }),
      onclick: () => on.structure({ op: "remove", panel: panel.name, index, kind: block.kind }) }, "✕"));
  const card = el("div", { class: "block", id: `b-${key}`, role: "group", "aria-labelledby": `h-${key}`,
    "data-panel": panel.name, "data-index": index }, head);
  const f = block.fields;
  const id = (field) => `f-${key}-${field}`;
  const text = (field, multiline) => markupField(id(field), t(`field.${field}`), f[field], multiline, (v) => op(field, v));
  switch (block.kind) {
    case "text": card.append(text("text", true)); break;
    case "slogan": card.append(text("text", false)); break;
    case "heading":
      card.append(text("text", false), choice(id("level"), t("field.level"), f.level,
        [["2", "2"], ["3", "3"], ["4", "4"]], (v) => op("level", v)));
      break;
    case "list":
      card.append(markupField(id("items"), t("field.items"), (f.items || []).join("\n"), true,
        (v) => op("items", v.split("\n")), t("field.items_help")));
      break;
    case "callout": card.append(text("title", false), text("text", true)); break;
    case "footnote": card.append(field_(id("id"), t("field.id"), f.id, "text", (v) => op("id", v)), text("text", true)); break;
    case "image": card.append(...imageFields(id, f, state, op, (file) => on.upload(file, panel.name, index))); break;
    case "illustration":
      card.append(choice(id("name"), t("field.name"), f.name, state.art.map((n) => [n, n]), (v) => op("name", v)),
        field_(id("alt"), t("field.alt"), f.alt, "text", (v) => op("alt", v), {}, t("field.alt_help")));
      break;
    case "sources":
      card.append(field_(id("title"), t("field.title"), f.title, "text", (v) => op("title", v)),
        checkbox(id("qr"), t("field.qr"), f.qr, (v) => op("qr", v)));
      break;
    case "qr":
      card.append(field_(id("url"), t("field.url"), f.url, "url", (v) => op("url", v)),
        field_(id("label"), t("field.label"), f.label, "text", (v) => op("label", v)));
      break;
    case "break": card.append(el("p", { class: "note" }, t("kind.break_help"))); break;
    default: card.append(el("p", { class: "note" }, t("block.source_only")));
  }
  card.append(el("ul", { class: "block-problems", id: `p-${key}` }));
  return card;
}

function imageFields(id, f, state, op, upload) {
  const files = state.images.includes(f.file) || !f.file ? state.images : [f.file, ...state.images];
  const chooser = el("input", { id: id("upload"), type: "file", accept: "image/jpeg,image/png,image/webp",
    onchange: (event) => event.target.files[0] && upload(event.target.files[0]) });
  return [
    choice(id("file"), t("field.file"), f.file, files.map((n) => [n, n]), (v) => op("file", v)),
    el("div", { class: "field" }, el("label", { for: id("upload") }, t("field.upload")), chooser,
      el("p", { class: "help", id: `${id("upload")}-help` }, t("field.upload_help"))),
    field_(id("alt"), t("field.alt"), f.alt, "text", (v) => op("alt", v), {}, t("field.alt_help")),
    markupField(id("caption"), t("field.caption"), f.caption, false, (v) => op("caption", v)),
    field_(id("width"), t("field.width"), f.width, "number", (v) => op("width", v), { min: "0.1", max: "1", step: "0.05" }),
  ];
}

function field_(id, label, value, type, change, extra = {}, help = "") {
  const helpId = help ? `${id}-help` : null;
  const input = el("input", { id, type, value: value ?? "", "aria-describedby": helpId, ...extra,
    oninput: (event) => change(event.target.value) });
  return el("div", { class: "field" }, el("label", { for: id }, label), input,
    help ? el("p", { class: "help", id: helpId }, help) : null);
}

function checkbox(id, label, value, change) {
  return el("div", { class: "field check" },
    el("input", { id, type: "checkbox", checked: value ? true : null, onchange: (e) => change(e.target.checked) }),
    el("label", { for: id }, label));
}

function choice(id, label, value, options, change) {
  const select = el("select", { id, onchange: (event) => change(event.target.value) },
    ...options.map(([v, text]) => el("option", { value: v, selected: String(v) === String(value) ? true : null }, text)));
  return el("div", { class: "field" }, el("label", { for: id }, label), select);
}

// A text field with buttons that write the leaflet's own markup: **bold**, *italic*, [label](url).
function markupField(id, label, value, multiline, change, help = "") {
  const input = multiline || MULTILINE.has(id)
    ? el("textarea", { id, rows: "4", "aria-describedby": help ? `${id}-help` : null })
    : el("input", { id, type: "text" });
  input.value = value ?? "";
  input.addEventListener("input", () => change(input.value));
  const wrap = (before, after) => {
    const [start, end] = [input.selectionStart, input.selectionEnd];
    const chosen = input.value.slice(start, end) || t("markup.sample");
    input.setRangeText(before + chosen + after, start, end, "end");
    input.setSelectionRange(start + before.length, start + before.length + chosen.length);
    input.focus();
    input.dispatchEvent(new Event("input"));
  };
  const link = () => {
    const address = window.prompt(t("markup.link_prompt"), "https://");
    if (address) wrap("[", `](${address})`);
  };
  const tools = el("div", { class: "tools", role: "toolbar", "aria-label": t("markup.tools", { field: label }) },
    el("button", { type: "button", onclick: () => wrap("**", "**"), "aria-label": t("markup.bold") }, el("b", {}, "B")),
    el("button", { type: "button", onclick: () => wrap("*", "*"), "aria-label": t("markup.italic") }, el("i", {}, "I")),
    el("button", { type: "button", onclick: link, "aria-label": t("markup.link") }, t("markup.link_short")));
  return el("div", { class: "field" }, el("label", { for: id }, label), tools, input,
    help ? el("p", { class: "help", id: `${id}-help` }, help) : null);
}
