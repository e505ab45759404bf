// The review grid: shows each row's place in the source, saves edited cells as corrections,
// undoes them, and moves through rows and low-confidence cells from the keyboard.
(function () {
  "use strict";
  const root = document.querySelector(".review");
  if (!root) return;
  const decree = root.dataset.decree;
  const editable = root.dataset.editable === "true";
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const message = document.getElementById("message");
  const undoButton = document.getElementById("undo");
  const undoStack = [];

  function say(text, kind) {
    message.textContent = text;
    message.className = "message " + (kind || "");
  }

  function valueOf(control) {
    return control.type === "checkbox" ? String(control.checked) : control.value;
  }

  function remember(control) {
    control.dataset.saved = valueOf(control);
  }

  function showSource(row) {
    document.querySelectorAll(".grid tr.selected").forEach((tr) => tr.classList.remove("selected"));
    row.classList.add("selected");
    const text = document.getElementById("source-text");
    if (text) {
      text.querySelectorAll("li.hit").forEach((li) => li.classList.remove("hit"));
      const start = Number(row.dataset.lineStart), end = Number(row.dataset.lineEnd || row.dataset.lineStart);
      if (!start) return;
      for (let n = start; n <= end; n += 1) {
        const line = document.getElementById("L" + n);
        if (line) line.classList.add("hit");
      }
      const first = document.getElementById("L" + start);
      if (first) first.scrollIntoView({ block: "center" });
      return;
    }
    const image = document.getElementById("page-image");
    if (image && row.dataset.page) {
      const wanted = row.dataset.hasBox === "true"
        ? "/rows/" + row.dataset.rowId + "/page.png"
        : "/sources/" + root.dataset.source + "/pages/" + row.dataset.page + ".png";
      if (!image.src.endsWith(wanted)) image.src = wanted;
      document.getElementById("page-caption").textContent = "Page " + row.dataset.page;
    }
  }

  function save(control) {
    if (!editable || valueOf(control) === control.dataset.saved) return Promise.resolve();
    const row = control.closest("tr");
    const cell = control.closest("td");
    const body = new URLSearchParams({ field: control.dataset.field, value: valueOf(control),
                                       version: row.dataset.version });
    cell.classList.remove("saved", "failed-save");
    return fetch("/api/decrees/" + decree + "/rows/" + encodeURIComponent(row.dataset.rowKey), {
      method: "POST", body: body,
      headers: { "X-CSRF-Token": token, Accept: "application/json" },
    }).then((response) => response.json().then((data) => ({ response, data }))).then(({ response, data }) => {
      if (!response.ok) {
        cell.classList.add("failed-save");
        say(data.error || "Not saved.", response.status === 409 ? "conflict" : "error");
        return;
      }
      row.dataset.version = data.version;
      remember(control);
      if (control.dataset.field !== "reviewed") control.value = data.values[control.dataset.field] || "";
      cell.classList.remove("dirty", "low");
      cell.classList.add("saved");
      undoStack.push(data.correction_id);
      undoButton.disabled = false;
      say("Saved " + control.dataset.field.replace("_", " ") + " (correction #" + data.correction_id + ").", "ok");
    }).catch(() => say("Not saved: the server did not answer.", "error"));
  }

  function undo() {
    const id = undoStack.pop();
    if (!id) return;
    fetch("/corrections/" + id + "/revert", {
      method: "POST", headers: { "X-CSRF-Token": token, Accept: "application/json" },
    }).then((response) => response.json().then((data) => ({ response, data }))).then(({ response, data }) => {
      if (!response.ok) {
        say(data.error || "Could not undo.", "error");
        return;
      }
      window.location.reload();
    });
  }

  function fit(control) {
    if (control.tagName !== "TEXTAREA") return;
    control.style.height = "auto";
    control.style.height = control.scrollHeight + 2 + "px";
  }

  const controls = () => Array.from(document.querySelectorAll(".grid [data-field]"));

  function moveRow(control, step) {
    const rows = Array.from(document.querySelectorAll(".grid tbody tr"));
    const next = rows[rows.indexOf(control.closest("tr")) + step];
    if (next) next.querySelector('[data-field="' + control.dataset.field + '"]').focus();
  }

  function nextLow(control) {
    const low = controls().filter((c) => c.closest("td").classList.contains("low"));
    const after = low.find((c) => control.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
    const target = after || low[0];
    if (target) target.focus(); else say("No low-confidence cells left.", "ok");
  }

  controls().forEach((control) => {
    remember(control);
    fit(control);
    control.addEventListener("focus", () => showSource(control.closest("tr")));
    control.addEventListener("input", () => {
      control.closest("td").classList.add("dirty");
      fit(control);
    });
    control.addEventListener("change", () => save(control));
  });

  document.addEventListener("keydown", (event) => {
    const control = document.activeElement && document.activeElement.dataset &&
      document.activeElement.dataset.field ? document.activeElement : null;
    if ((event.ctrlKey || event.metaKey) && (event.key === "s" || event.key === "Enter")) {
      event.preventDefault();
      if (control) save(control);
    } else if (event.altKey && event.key === "ArrowDown" && control) {
      event.preventDefault(); moveRow(control, 1);
    } else if (event.altKey && event.key === "ArrowUp" && control) {
      event.preventDefault(); moveRow(control, -1);
    } else if (event.altKey && (event.key === "n" || event.code === "KeyN")) {
      event.preventDefault(); nextLow(control || controls()[0]);
    } else if (event.altKey && (event.key === "z" || event.code === "KeyZ")) {
      event.preventDefault(); undo();
    }
  });
  if (undoButton) undoButton.addEventListener("click", undo);
  const first = document.querySelector(".grid tbody tr");
  if (first) showSource(first);
})();
