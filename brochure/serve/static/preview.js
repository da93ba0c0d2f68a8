// The preview pictures and the diagnostics: each problem at its block and in the list above.
import { el, t } from "./text.js";

const PANES = { side: "pane-sheet", mockup: "pane-mockup", phone: "pane-phone" };

// Swap in the new pictures only once they have loaded, so the preview never flickers.
export async function showPictures(images) {
  const loaded = await Promise.all(images.map((image) => new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve([image, img]);
    img.onerror = () => resolve([image, null]);
    img.src = image.url;
  })));
  const groups = { side: [], mockup: [], phone: [] };
  for (const [image, img] of loaded) {
    if (!img) continue;
    img.alt = image.label;
    img.width = image.width;
    img.height = image.height;
    img.className = "page";
    img.dataset.name = image.name;
    groups[image.name.split("-")[0]].push(el("figure", {}, img,
      el("figcaption", {}, image.overflow ? `${image.label} — ${t("preview.overflow")}` : image.label)));
  }
  for (const [group, pane] of Object.entries(PANES)) {
    document.getElementById(pane).replaceChildren(...groups[group]);
  }
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
