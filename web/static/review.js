// The review screen: shows each row's place in the source (lines, or the page with the row's box, zoomed and
// moved at will), saves edited cells, positions and decree fields as corrections, makes structural fixes (add,
// delete, split, merge, move rows), undoes step by step, and moves through rows and low-confidence cells.
(function () {
  "use strict";
  const root = document.querySelector(".review");
  if (!root) return;
  const decree = root.dataset.decree;
  const editable = root.dataset.editable === "true";
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const texts = JSON.parse(document.getElementById("texts").textContent);
  const message = document.getElementById("message");
  const undoButton = document.getElementById("undo");

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? values[name] : ""));
  }

  function say(text, kind) {
    message.textContent = text;
    message.className = "message " + (kind || "");
  }

  function why() {
    const box = document.getElementById("why");
    return box ? box.value : "";
  }

  // One POST of the screen: form fields in, JSON out; a refusal is said and rejects.
  function send(path, fields) {
    const body = new URLSearchParams();
    Object.entries(fields).forEach(([name, value]) => {
      (Array.isArray(value) ? value : [value]).forEach((item) => body.append(name, item));
    });
    if (!body.has("why")) body.append("why", why());
    return fetch(path, { method: "POST", body: body, headers: { "X-CSRF-Token": token, Accept: "application/json" } })
      .then((response) => response.json().then((data) => ({ response, data })))
      .then(({ response, data }) => {
        if (!response.ok) {
          say(data.error || texts.notSaved, response.status === 409 ? "conflict" : "error");
          throw new Error(data.error);
        }
        showProgress(data);
        return data;
      }, (error) => {
        if (!(error instanceof Error && error.message)) say(texts.noAnswer, "error");
        throw error;
      });
  }

  function showProgress(data) {
    if (typeof data.waiting === "number") {
      const count = document.getElementById("waiting");
      if (count) count.textContent = data.waiting;
      const banner = document.getElementById("waiting-banner");
      if (banner) banner.hidden = data.waiting === 0;
    }
    if (typeof data.undo_steps === "number" && undoButton) {
      document.getElementById("undo-steps").textContent = data.undo_steps;
      undoButton.disabled = data.undo_steps === 0;
    }
  }

  const api = "/api/decrees/" + decree;
  const rowPath = (row) => api + "/rows/" + encodeURIComponent(row.dataset.rowKey);
  const reload = () => window.location.reload();

  // ---- the source: text lines, or the page image that zooms and moves ----
  const view = document.getElementById("page-view");
  const image = document.getElementById("page-image");
  let zoom = 1;

  function setZoom(next) {
    zoom = Math.min(4, Math.max(0.5, next));
    view.querySelectorAll("img").forEach((img) => { img.style.width = zoom * 100 + "%"; });
  }

  if (view && image) {
    document.getElementById("zoom-in").addEventListener("click", () => setZoom(zoom * 1.25));
    document.getElementById("zoom-out").addEventListener("click", () => setZoom(zoom / 1.25));
    document.getElementById("zoom-fit").addEventListener("click", () => setZoom(1));
    view.addEventListener("wheel", (event) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      setZoom(zoom * (event.deltaY < 0 ? 1.1 : 1 / 1.1));
    }, { passive: false });
    let drag = null;
    view.addEventListener("pointerdown", (event) => {
      drag = { x: event.clientX, y: event.clientY, left: view.scrollLeft, top: view.scrollTop };
      view.setPointerCapture(event.pointerId);
      view.classList.add("dragging");
    });
    view.addEventListener("pointermove", (event) => {
      if (!drag) return;
      view.scrollLeft = drag.left - (event.clientX - drag.x);
      view.scrollTop = drag.top - (event.clientY - drag.y);
    });
    const stop = () => { drag = null; view.classList.remove("dragging"); };
    view.addEventListener("pointerup", stop);
    view.addEventListener("pointercancel", stop);
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
    if (image && row.dataset.page) {
      // a row that goes on over a page break shows every page it touches, one below the other
      const pages = (row.dataset.pages || row.dataset.page).split(" ").filter(Boolean);
      const pictureOf = (page) => row.dataset.hasBox === "true"
        ? "/rows/" + row.dataset.rowId + "/pages/" + page + ".png"
        : "/sources/" + root.dataset.source + "/pages/" + page + ".png";
      if (!image.src.endsWith(pictureOf(pages[0]))) image.src = pictureOf(pages[0]);
      view.querySelectorAll("img.more-page").forEach((img) => img.remove());
      pages.slice(1).forEach((page) => {
        const more = document.createElement("img");
        more.className = "more-page";
        more.draggable = false;
        more.alt = fill(texts.morePage, { page: page });
        more.src = pictureOf(page);
        more.style.width = zoom * 100 + "%";
        view.appendChild(more);
      });
      document.getElementById("page-caption").textContent = pages.length > 1
        ? fill(texts.pages, { pages: pages.join(", ") })
        : fill(texts.page, { page: pages[0] });
    } else if (image) {
      view.querySelectorAll("img.more-page").forEach((img) => img.remove());
      document.getElementById("page-caption").textContent = texts.noPlace;
    }
  }

  // ---- cells ----
  function valueOf(control) {
    return control.type === "checkbox" ? String(control.checked) : control.value;
  }

  function remember(control) {
    control.dataset.saved = valueOf(control);
  }

  function save(control) {
    if (!editable || valueOf(control) === control.dataset.saved) return Promise.resolve();
    const row = control.closest("tr");
    const cell = control.closest("td");
    cell.classList.remove("saved", "failed-save");
    return send(rowPath(row), { field: control.dataset.field, value: valueOf(control), version: row.dataset.version })
      .then((data) => {
        row.dataset.version = data.version;
        row.querySelectorAll("[data-field]").forEach((other) => {
          const value = data.values[other.dataset.field];
          if (other === control || other.type === "checkbox" || value === undefined) return;
          if (other.dataset.saved === other.value) { other.value = value || ""; remember(other); }
        });
        if (control.dataset.field !== "reviewed") control.value = data.values[control.dataset.field] || "";
        remember(control);
        cell.classList.remove("dirty", "low");
        cell.classList.add("saved");
        if (control.dataset.field === "reviewed") row.classList.toggle("unconfirmed", !control.checked && row.classList.contains("unconfirmed"));
        say(fill(texts.saved, { field: control.closest("table").querySelectorAll("th")[cell.cellIndex].textContent,
                                id: data.correction_id }), "ok");
      }, () => cell.classList.add("failed-save"));
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
    if (target) target.focus(); else say(texts.noLow, "ok");
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

  // ---- the decree's fields and the positions' ----
  function saveHeader(control, path, fields) {
    if (!editable || control.value === control.dataset.saved) return;
    send(path, { ...fields, value: control.value, expected: control.dataset.saved }).then((data) => {
      control.dataset.saved = control.value;
      control.classList.add("saved");
      say(fill(texts.savedField, { id: data.correction_id }), "ok");
      if (fields.field === "jabatan") control.closest("article").querySelector("h3 .jabatan").textContent = control.value;
    }, () => control.classList.add("failed-save"));
  }

  document.querySelectorAll("[data-decree-field]").forEach((control) => {
    control.addEventListener("change", () => saveHeader(control, api + "/fields", { field: control.dataset.decreeField }));
  });
  document.querySelectorAll("[data-position-field]").forEach((control) => {
    const key = control.closest("article").dataset.positionKey;
    control.addEventListener("change", () => saveHeader(control, api + "/positions",
                                                        { position_key: key, field: control.dataset.positionField }));
  });

  // ---- structural fixes ----
  const dialog = document.getElementById("split-dialog");
  let splitting = null;

  function addPart(text) {
    const part = document.createElement("textarea");
    part.name = "parts";
    part.rows = 2;
    part.value = text || "";
    part.className = "split-part";
    document.getElementById("split-parts").appendChild(part);
    return part;
  }

  if (dialog) {
    document.getElementById("split-more").addEventListener("click", () => addPart("").focus());
    dialog.addEventListener("close", () => {
      if (dialog.returnValue !== "split" || !splitting) return;
      const parts = Array.from(dialog.querySelectorAll("textarea.split-part")).map((p) => p.value).filter((v) => v.trim());
      send(rowPath(splitting) + "/split", { parts: parts, version: splitting.dataset.version }).then(reload, () => {});
    });
  }

  document.querySelectorAll(".grid tbody tr").forEach((row) => {
    const split = row.querySelector("button.split");
    if (!split) return;
    split.addEventListener("click", () => {
      splitting = row;
      document.getElementById("split-parts").replaceChildren();
      const wording = row.querySelector('[data-field="indikator"]').value;
      const pieces = wording.split(/\s*(?:;|\n|\s-\s)\s*/).filter((piece) => piece.trim());
      (pieces.length > 1 ? pieces : [wording, ""]).forEach((piece) => addPart(piece));
      dialog.returnValue = "";
      dialog.showModal();
    });
    row.querySelector("button.delete").addEventListener("click", () => {
      if (!window.confirm(texts.deleteAsk)) return;
      send(rowPath(row) + "/delete", { version: row.dataset.version }).then(reload, () => {});
    });
    row.querySelector("select.move").addEventListener("change", (event) => {
      if (!event.target.value) return;
      send(rowPath(row) + "/move", { position_key: event.target.value, version: row.dataset.version })
        .then(reload, () => { event.target.value = ""; });
    });
  });

  document.querySelectorAll("article.position").forEach((article) => {
    const key = article.dataset.positionKey;
    const add = article.querySelector("button.add-row");
    if (add) add.addEventListener("click", () => {
      const wording = window.prompt(texts.addAsk, "");
      if (wording && wording.trim()) send(api + "/positions/rows", { position_key: key, indikator: wording }).then(reload, () => {});
    });
    const merge = article.querySelector("button.merge-rows");
    if (merge) merge.addEventListener("click", () => {
      const picked = Array.from(article.querySelectorAll("tbody tr")).filter((tr) => tr.querySelector("input.pick").checked);
      if (picked.length < 2) { say(texts.mergeNeeds, "error"); return; }
      const joined = picked.map((tr) => tr.querySelector('[data-field="indikator"]').value.trim()).join(" ");
      const wording = window.prompt(texts.mergeAsk, joined);
      if (wording === null) return;
      send(api + "/merge", { rows: picked.map((tr) => tr.dataset.rowKey + ":" + tr.dataset.version), indikator: wording })
        .then(reload, () => {});
    });
  });

  // ---- undo, step by step ----
  function undo() {
    if (!undoButton || undoButton.disabled) { say(texts.nothingToUndo, "ok"); return; }
    send(api + "/undo", {}).then(reload, () => {});
  }

  const extra = document.getElementById("show-extra");
  if (extra) {
    extra.checked = window.localStorage.getItem("iki-show-extra") === "1";
    root.classList.toggle("show-extra", extra.checked);
    extra.addEventListener("change", () => {
      root.classList.toggle("show-extra", extra.checked);
      window.localStorage.setItem("iki-show-extra", extra.checked ? "1" : "0");
      controls().forEach(fit);
    });
  }

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

  const chosen = root.dataset.chosenRow && document.getElementById("row-" + root.dataset.chosenRow);
  const first = chosen || document.querySelector(".grid tbody tr");
  if (first) {
    showSource(first);
    if (chosen) {
      chosen.scrollIntoView({ block: "center" });
      chosen.querySelector('[data-field="indikator"]').focus({ preventScroll: true });
    }
  }
})();
