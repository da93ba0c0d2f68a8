// The source view: content.yaml as text, a line-number gutter, problem lines marked in red.
const area = () => document.getElementById("source-text");
const gutter = () => document.getElementById("gutter");
let marked = new Set();

export function setSource(text) {
  const box = area();
  if (box.value !== text) box.value = text;
  drawGutter();
}

export function sourceText() {
  return area().value;
}

export function markLines(lines) {
  marked = new Set(lines);
  drawGutter();
}

export function drawGutter() {
  const count = area().value.split("\n").length;
  const rows = [];
  for (let line = 1; line <= count; line++) {
    const span = document.createElement("span");
    span.textContent = String(line);
    if (marked.has(line)) span.className = "bad";
    rows.push(span, "\n");
  }
  gutter().replaceChildren(...rows);
  gutter().scrollTop = area().scrollTop;
}

// Put the cursor at the start of `line` (column `column`) and scroll it into view.
export function goToLine(line, column = 1) {
  const box = area();
  const lines = box.value.split("\n");
  let offset = 0;
  for (let n = 0; n < Math.min(line - 1, lines.length); n++) offset += lines[n].length + 1;
  offset += Math.max(0, Math.min(column - 1, (lines[line - 1] || "").length));
  box.focus();
  box.setSelectionRange(offset, offset);
  const height = box.scrollHeight / Math.max(1, lines.length);
  box.scrollTop = Math.max(0, (line - 5) * height);
  drawGutter();
}

export function currentLine() {
  const box = area();
  return box.value.slice(0, box.selectionStart).split("\n").length;
}

export function setupSource(onEdit) {
  const box = area();
  box.addEventListener("input", () => {
    drawGutter();
    onEdit(box.value);
  });
  box.addEventListener("scroll", () => { gutter().scrollTop = box.scrollTop; });
  box.addEventListener("keydown", (event) => {
    // Tab indents by two spaces; Escape then Tab leaves the field (keyboard users are not trapped).
    if (event.key === "Tab" && !event.shiftKey && !box.dataset.escaped) {
      event.preventDefault();
      box.setRangeText("  ", box.selectionStart, box.selectionEnd, "end");
      box.dispatchEvent(new Event("input"));
    } else if (event.key === "Escape") {
      box.dataset.escaped = "1";
    } else {
      delete box.dataset.escaped;
    }
  });
}
