// The preview pictures and the diagnostics: each problem at its block and in the list above.
import { el, t } from "./text.js";

const PANES = { side: "pane-sheet", mockup: "pane-mockup", phone: "pane-phone" };

// The pane on show gets its new pictures once they have loaded (so nothing flickers), unless a
// newer build came first (`current()` is false by then); the hidden panes get theirs lazily,
// drawn by the server only when the author opens that tab. A pane that already shows these very
// pictures (a broken edit keeps the last build that drew any) is left as it is.
export async function showPictures(images, current = () => true) {
  const groups = { side: [], mockup: [], phone: [] };
  for (const image of images) groups[image.name.split("-")[0]].push(image);
  const waits = Object.entries(PANES).map(([group, id]) => {
    const pane = document.getElementById(id);
    const urls = groups[group].map((image) => image.url).join(" ");
    if (pane.dataset.urls === urls && pane.childElementCount) return Promise.resolve();
    const figures = groups[group].map((image) => figure(image, pane.hidden));
    const show = () => {
      if (!current()) return;
      pane.replaceChildren(...figures.map(([node]) => node));
      pane.dataset.urls = urls;
    };
    if (pane.hidden) return Promise.resolve(show());
    return Promise.all(figures.map(([, loaded]) => loaded)).then(show);
  });
  await Promise.all(waits);
}

// The preview shows an older build than the text (the text does not build yet): say so.
export function showOutdated(outdated) {
  document.querySelector(".preview").classList.toggle("outdated", outdated);
  document.getElementById("preview-outdated").hidden = !outdated;
}

function figure(image, lazy) {
  const img = el("img", { class: "page", alt: image.label, "data-name": image.name, loading: lazy ? "lazy" : null,
    width: image.width, height: image.height });
  const loaded = new Promise((resolve) => {
    img.onload = resolve;
    img.onerror = resolve;
  });
  img.src = image.url;
  const caption = image.overflow ? `${image.label} — ${t("preview.overflow")}` : image.label;
  return [el("figure", {}, img, el("figcaption", {}, caption)), loaded];
}

// Which block a diagnostic's line lies in: {panel, index} or null (metadata, theme, top).
export function blockAt(model, line) {
  if (!model || !line) return null;
  for (const panel of model.panels) {
    if (line < panel.line || line > panel.end) continue;
    for (let index = panel.blocks.length - 1; index >= 0; index--) {
      if (panel.blocks[index].line <= line) return { panel: panel.name, index };
    }
    return { panel: panel.name, index: -1 };
  }
  return null;
}

function describe(diagnostic) {
  const where = diagnostic.line ? t("problem.line", { line: diagnostic.line, column: diagnostic.column || 1 }) : "";
  const severity = t(`severity.${diagnostic.severity}`);
  return `${severity} ${diagnostic.code}${where ? ` (${where})` : ""}: ${diagnostic.message}`;
}

// Lists every diagnostic at the top and each at its block; `go(diagnostic, place)` moves there.
export function showProblems(diagnostics, model, go) {
  document.querySelectorAll(".block-problems").forEach((list) => list.replaceChildren());
  document.querySelectorAll(".block.has-error, .block.has-warning").forEach((card) =>
    card.classList.remove("has-error", "has-warning"));
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const others = diagnostics.length - errors;
  const box = document.getElementById("problems");
  if (!diagnostics.length) {
    box.replaceChildren(el("p", { class: "all-good" }, t("problems.none")));
    return;
  }
  const list = el("ul", {});
  for (const diagnostic of diagnostics) {
    const place = blockAt(model, diagnostic.line);
    const item = () => el("li", { class: `problem ${diagnostic.severity}` },
      el("button", { type: "button", class: "link", onclick: () => go(diagnostic, place) }, describe(diagnostic)),
      diagnostic.hint ? el("p", { class: "hint" }, `${t("problem.hint")}: ${diagnostic.hint}`) : null);
    list.append(item());
    if (place && place.index >= 0) {
      const at = document.getElementById(`p-${place.panel}-${place.index}`);
      if (at) {
        at.append(item());
        at.parentElement.classList.add(diagnostic.severity === "error" ? "has-error" : "has-warning");
      }
    }
  }
  box.replaceChildren(el("h3", {}, t("problems.count", { errors, warnings: others })), list);
}
