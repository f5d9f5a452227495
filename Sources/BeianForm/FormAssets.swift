import BeianModel
import Foundation

/// The form's stylesheet and script, served from its own origin (the CSP allows nothing
/// else; no inline script or style anywhere).
enum FormAssets {
    static func response(_ name: String) -> FormResponse {
        switch name {
        case "form.css": .bytes(Data(css.utf8), type: "text/css; charset=utf-8")
        case "form.js": .bytes(Data(js.utf8), type: "text/javascript; charset=utf-8")
        case "regions.json": .bytes(regions, type: "application/json; charset=utf-8")
        default: FormResponse(status: 404, headers: FormResponse.common)
        }
    }

    /// The GB/T 2260 table for the region field's search, `[[code, name], …]`: fetched by the
    /// script once, so that the page itself stays small.
    static let regions: Data = {
        let rows = Region.names.keys.sorted().map { [$0, Region.displayName(of: $0) ?? Region.names[$0] ?? ""] }
        return (try? JSONEncoder().encode(rows)) ?? Data("[]".utf8)
    }()

    static let css = """
    :root { --fg: #1a1a1a; --muted: #4a4a4a; --bg: #ffffff; --line: #767676; --accent: #0b5cad; --error: #b00020; --warn: #7a4d00; --ok: #1d6b2f; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.6 system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; color: var(--fg); background: var(--bg); }
    .skip { position: absolute; left: -9999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
    header.top { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .5rem 1rem; border-bottom: 1px solid var(--line); }
    header.top .brand { font-weight: 700; margin: 0; }
    header.top ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; }
    header.top .lang { margin: 0 0 0 auto; }
    a { color: var(--accent); } a[aria-current] { font-weight: 700; color: var(--fg); }
    main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
    :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
    fieldset { border: 1px solid var(--line); margin: 1rem 0; padding: .75rem 1rem; }
    legend { font-weight: 700; padding: 0 .25rem; }
    .field { margin: .75rem 0; } .field > label, .row > label, p.label { display: block; font-weight: 600; margin: 0; }
    input:not([type=checkbox]), select, textarea { font: inherit; padding: .3rem .4rem; border: 1px solid var(--line); width: 100%; max-width: 40rem; background: #fff; color: var(--fg); }
    input[type=date] { width: auto; } input[type=file] { border: 0; padding: .3rem 0; }
    textarea { max-width: 100%; }
    [aria-invalid=true] { border: 2px solid var(--error); }
    .hint { color: var(--muted); margin: .1rem 0; font-size: .9rem; } .small { font-size: .85rem; }
    .req { color: var(--error); margin-left: .2rem; }
    .diag p { margin: .2rem 0; } .diag .error, .notice.error { color: var(--error); } .diag .warning { color: var(--warn); }
    .code { font-family: ui-monospace, monospace; font-weight: 700; margin-right: .3rem; }
    .help { display: block; color: var(--muted); }
    .choice { display: inline-block; margin-right: 1rem; white-space: nowrap; }
    .inline { display: inline-flex; gap: .5rem; align-items: center; }
    .row { margin: .3rem 0; }
    button { font: inherit; padding: .4rem .9rem; border: 1px solid var(--accent); background: #fff; color: var(--accent); cursor: pointer; margin: .25rem .5rem .25rem 0; }
    button.primary { background: var(--accent); color: #fff; } button:disabled { opacity: .6; cursor: not-allowed; }
    button.secondary { font-size: .9rem; }
    .actions { position: sticky; bottom: 0; background: #fff; padding: .5rem 0; border-top: 1px solid var(--line); }
    .summary { border-left: 4px solid var(--error); padding: .25rem 1rem; margin: 1rem 0; } .summary.ok { border-color: var(--ok); }
    .summary h2 { font-size: 1.1rem; margin: .3rem 0; }
    .notice { border-left: 4px solid var(--ok); padding: .25rem 1rem; }
    .steps ol { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
    .steps a[aria-current] { text-decoration: none; border-bottom: 3px solid var(--accent); }
    .tree ul { list-style: none; padding-left: 1.5rem; } .tree > ul { padding-left: 0; }
    .id { font-family: ui-monospace, monospace; color: var(--muted); font-size: .85rem; }
    .badge { color: var(--muted); font-size: .9rem; }
    .split { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; } @media (max-width: 50rem) { .split { grid-template-columns: 1fr; } }
    .rendered { border: 1px solid var(--line); padding: .5rem 1rem; overflow-wrap: anywhere; }
    .commitment { font-size: 1.2rem; font-weight: 700; }
    table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
    caption { text-align: left; font-weight: 700; }
    dl { margin: 0; } dt { font-weight: 600; } dd { margin: 0 0 .4rem 1rem; overflow-wrap: anywhere; }
    .region-name { margin-left: .5rem; color: var(--muted); }
    """

    /// Validation as the filer types, the association tree, rows added without a reload. The
    /// server's answers are put in with textContent only (the preview is the portal
    /// renderer's HTML, the same as the portal publishes).
    static let js = """
    (function () {
      "use strict";
      function fieldId(key) { return "f-" + key.replace(/[^a-z0-9_]/g, "-"); }
      function box(key) {
        var k = key;
        for (;;) {
          var el = document.getElementById(fieldId(k) + "-diag");
          if (el) return el;
          var m = k.match(/^(.*)\\[\\d+\\]$/) || k.match(/^(.*)\\.[^.\\[]+$/);
          if (!m) return null;
          k = m[1];
        }
      }
      function line(item) {
        var p = document.createElement("p");
        p.className = item.severity === "error" ? "error" : "warning";
        var c = document.createElement("span"); c.className = "code"; c.textContent = item.code;
        var h = document.createElement("span"); h.className = "help"; h.textContent = item.help;
        p.appendChild(c); p.appendChild(document.createTextNode(" " + item.message)); p.appendChild(h);
        return p;
      }
      function show(form, answer) {
        form.querySelectorAll(".diag").forEach(function (d) { d.textContent = ""; });
        form.querySelectorAll("[aria-invalid]").forEach(function (c) { c.removeAttribute("aria-invalid"); });
        var summary = document.getElementById("summary");
        var all = [];
        Object.keys(answer.fields).sort().forEach(function (key) {
          var target = box(key);
          answer.fields[key].forEach(function (item) {
            all.push(item);
            if (target) target.appendChild(line(item));
          });
          if (target) {
            document.querySelectorAll("[aria-describedby~='" + target.id + "']").forEach(function (c) {
              if (answer.fields[key].some(function (i) { return i.severity === "error"; })) c.setAttribute("aria-invalid", "true");
            });
          }
        });
        answer.other.forEach(function (item) { all.push(item); var d = document.getElementById("f-disclosure-diag"); if (d && item.code.charAt(0) === "D") d.appendChild(line(item)); });
        if (summary) {
          // The count, and what no field on the page shows (each field shows its own).
          var en = document.documentElement.lang === "en";
          summary.textContent = "";
          var h = document.createElement("p");
          h.textContent = answer.blocking === 0 ? (en ? "No errors on this page" : "本页没有错误")
            : (en ? answer.blocking + " error(s) on this page: see the fields marked" : "本页有 " + answer.blocking + " 个错误，见标出的各项");
          summary.className = answer.blocking ? "summary" : "summary ok";
          summary.appendChild(h);
          answer.other.forEach(function (item) { summary.appendChild(line(item)); });
        }
        if (typeof answer.preview === "string") {
          var pv = document.getElementById("disclosure-preview");
          if (pv) pv.innerHTML = answer.preview;
        }
        form.dispatchEvent(new CustomEvent("beian-checked", { detail: answer }));
      }
      function check(form) {
        var data = new FormData(form);
        Array.from(data.keys()).forEach(function (k) { data.getAll(k).forEach(function (v) { if (typeof v !== "string") data.delete(k); }); });
        var started = performance.now();
        return fetch(form.dataset.check, { method: "POST", body: data, credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (answer) { show(form, answer); document.documentElement.dataset.checkMs = String(Math.round(performance.now() - started)); });
      }
      document.querySelectorAll("form.edit[data-check]").forEach(function (form) {
        var timer = null;
        function later() { clearTimeout(timer); timer = setTimeout(function () { check(form); }, 30); }
        form.addEventListener("input", later);
        form.addEventListener("change", later);
        // Ticking a box ticks everything under it; unticking one unticks the boxes above it
        // (a ticked product or path would still link what was just unticked).
        form.querySelectorAll(".tree input[type=checkbox]").forEach(function (box) {
          box.addEventListener("change", function () {
            var li = box.closest("li");
            li.querySelectorAll("input[type=checkbox]").forEach(function (c) { c.checked = box.checked; });
            if (!box.checked) {
              for (var up = li.parentElement.closest("li"); up; up = up.parentElement.closest("li")) {
                var parent = up.querySelector(":scope > input[type=checkbox]");
                if (parent) parent.checked = false;
              }
            }
          });
        });
        form.querySelectorAll("button.add-row").forEach(function (button) {
          button.addEventListener("click", function (event) {
            var set = document.getElementById(button.dataset.list);
            var rows = set.querySelectorAll(".row");
            var last = rows[rows.length - 1];
            var copy = last.cloneNode(true);
            var n = rows.length + 1;
            var input = copy.querySelector("input, textarea");
            var label = copy.querySelector("label");
            input.id = button.dataset.list + "-" + n;
            input.value = "";
            label.htmlFor = input.id;
            label.textContent = label.textContent.replace(/\\d+$/, String(n));
            last.parentNode.insertBefore(copy, last.nextSibling);
            input.focus();
            event.preventDefault();
          });
        });
      });
      var regionInputs = document.querySelectorAll("input[list=regions]");
      if (regionInputs.length) {
        fetch("/assets/regions.json", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (rows) {
          var list = document.getElementById("regions");
          var names = {};
          var fragment = document.createDocumentFragment();
          rows.forEach(function (row) {
            names[row[0]] = row[1];
            var option = document.createElement("option");
            option.value = row[0];
            option.textContent = row[0] + " " + row[1];
            fragment.appendChild(option);
          });
          list.appendChild(fragment);
          regionInputs.forEach(function (input) {
            var name = document.getElementById(input.id + "-name");
            input.addEventListener("input", function () { if (name) name.textContent = names[input.value.trim()] || ""; });
          });
        });
      }
      window.beianCheck = check;
    })();
    """
}
