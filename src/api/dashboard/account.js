// ve-lens account page (/account/{address}): reads GET /api/v1/accounts/{address} and draws with chart.js.
// Browser script, served at /dashboard/account.js; never imported by the server.
(function () {
  "use strict";

  var common = window.veLensCommon; // common.js
  var API = common.API;
  var PALETTE = common.PALETTE;
  var ADDRESS = common.ADDRESS;
  var $ = common.$;
  var units = common.units;
  var fmt = common.fmt;
  var shortAddress = common.shortAddress;
  var SCOPE_LABEL = common.SCOPE_LABEL;

  /** State exposed for tests and the console. */
  var state = { charts: {}, account: null, ready: false, errors: [] };
  window.veLensAccount = state;

  function showError(error) {
    common.showError(state, error);
  }

  function isoDate(ts) {
    return ts === null || ts === undefined ? "–" : new Date(ts * 1000).toISOString().slice(0, 10);
  }

  function addressLink(a) {
    var link = document.createElement("a");
    link.href = "/account/" + a;
    link.textContent = shortAddress(a);
    link.title = a;
    return link;
  }

  /** Appends a row of cells (strings, or nodes) to a table body. */
  function row(tableId, cells, numeric) {
    var tr = document.createElement("tr");
    cells.forEach(function (c, i) {
      var td = document.createElement("td");
      if (numeric && numeric.indexOf(i) >= 0) td.className = "num";
      if (c instanceof Node) td.appendChild(c);
      else td.textContent = c;
      tr.appendChild(td);
    });
    $(tableId).querySelector("tbody").appendChild(tr);
  }

  function emptyRow(tableId, columns, text) {
    $(tableId).querySelector("tbody").innerHTML = '<tr><td colspan="' + columns + '" class="empty">' + text + "</td></tr>";
  }

  function setupSearch() {
    $("account-search").addEventListener("submit", function (event) {
      event.preventDefault();
      var value = $("account-input").value.trim();
      if (!ADDRESS.test(value)) {
        $("account-hint").textContent = "not an address: 0x followed by 40 hex digits";
        return;
      }
      window.location.href = "/account/" + value.toLowerCase();
    });
  }

  function draw(a) {
    $("address").textContent = a.address;
    document.title = "ve-lens · " + a.address;
    $("as-of").textContent = "at block " + a.asOf.block + " · " + new Date(a.asOf.timestamp * 1000).toISOString().replace("T", " ").slice(0, 16) + " UTC";
    if (!a.known) {
      $("empty").style.display = "block";
      $("empty").textContent = a.note;
    }
    var facts = [
      ["BR balance", fmt(units(a.brBalance, 18))],
      ["voting power", fmt(units(a.power, 18))],
      ["locks", String(a.locks.length)],
      ["BR transfers", String(a.transferCount)],
      ["share of votes (epoch " + (a.latestEpoch === null ? "–" : a.latestEpoch) + ")", fmt(a.steering.share * 100, 2) + "%"],
    ];
    if (a.label) facts.push(["label", a.label]);
    $("facts").innerHTML = "";
    facts.forEach(function (f) {
      var div = document.createElement("div");
      var span = document.createElement("span");
      span.textContent = f[0];
      var b = document.createElement("b");
      b.textContent = f[1];
      div.appendChild(span);
      div.appendChild(b);
      $("facts").appendChild(div);
    });

    // locks
    if (!a.locks.length) emptyRow("locks", 6, "no locks");
    a.locks.forEach(function (l) {
      row("locks", ["#" + l.tokenId, fmt(units(l.amount, 18)), isoDate(l.startTs), l.status + (l.warm || l.status === "exited" ? "" : " (warming up)"), fmt(units(l.power, 18)), isoDate(l.exitDate)], [1, 4]);
    });
    var curved = a.locks.filter(function (l) { return l.curve.length > 0; });
    var times = [];
    curved.forEach(function (l) { l.curve.forEach(function (p) { if (times.indexOf(p.ts) < 0) times.push(p.ts); }); });
    times.sort(function (x, y) { return x - y; });
    state.charts.curve = new Chart($("curve-chart"), {
      type: "line",
      data: {
        labels: times.map(function (t) { return new Date(t * 1000).toISOString().slice(0, 10); }),
        datasets: curved.map(function (l, i) {
          return {
            label: "#" + l.tokenId,
            data: times.map(function (t) {
              var p = l.curve.find(function (x) { return x.ts === t; });
              return p ? units(p.power, 18) : null;
            }),
            borderColor: PALETTE[i % PALETTE.length],
            spanGaps: true,
            stepped: false,
            pointRadius: 2,
          };
        }),
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { title: { display: true, text: "voting power" } } } },
    });

    // per epoch
    var epochs = a.epochs.slice().reverse();
    state.charts.epochs = new Chart($("epochs-chart"), {
      type: "bar",
      data: {
        labels: epochs.map(function (e) { return String(e.epoch) + (e.live ? " (live)" : ""); }),
        datasets: [
          { label: "eligible power", data: epochs.map(function (e) { return units(e.eligiblePower, 18); }), backgroundColor: PALETTE[0] },
          { label: "votes cast", data: epochs.map(function (e) { return units(e.castVotes, 18); }), backgroundColor: PALETTE[1] },
        ],
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false },
    });

    // ranks
    if (!a.ranks.length) emptyRow("ranks", 5, "in no population of the latest epoch");
    a.ranks.forEach(function (r) {
      var name = SCOPE_LABEL[r.scope] + (r.gauge ? " " + shortAddress(r.gauge) : "");
      row("ranks", [name, String(r.rank), String(r.of), fmt(r.share * 100, 2) + "%", fmt(r.percentile * 100, 1) + "%"], [1, 2, 3, 4]);
    });

    // steering
    $("steering-note").textContent =
      "Epoch " + (a.latestEpoch === null ? "–" : a.latestEpoch) + ": " + fmt(units(a.steering.castVotes, 18)) + " of " + fmt(units(a.steering.allVotes, 18)) + " votes (" + fmt(a.steering.share * 100, 2) + "%).";
    if (!a.steering.gauges.length) emptyRow("steering", 3, "no votes in the latest epoch");
    a.steering.gauges.forEach(function (g) {
      row("steering", [shortAddress(g.gauge), fmt(units(g.amount, 18)), fmt(g.share * 100, 2) + "%"], [1, 2]);
    });

    // transfers
    if (!a.transfers.length) emptyRow("transfers", 5, "no BR transfers");
    a.transfers.forEach(function (t) {
      var other = t.direction === "in" ? t.from : t.to;
      var sign = t.direction === "in" ? "+" : t.direction === "out" ? "−" : "±";
      row("transfers", [isoDate(t.timestamp), String(t.blockNumber), addressLink(other), sign + fmt(units(t.value, 18)), fmt(units(t.balanceAfter, 18))], [3, 4]);
    });

    // alerts and vesting
    if (!a.alerts.length) emptyRow("alerts", 3, "no alert names this address");
    a.alerts.forEach(function (x) {
      row("alerts", [String(x.epoch), x.severity, x.title]);
    });
    if (!a.vesting.length) emptyRow("vesting", 5, "no vesting allocation");
    a.vesting.forEach(function (v) {
      row("vesting", [v.name, v.role, fmt(units(v.total, 18)), fmt(units(v.vested, 18)), fmt(units(v.released, 18))], [2, 3, 4]);
    });

    Array.prototype.forEach.call(document.querySelectorAll("a.csv"), function (link) {
      link.href = API + "/accounts/" + a.address + "?format=csv&part=" + link.getAttribute("data-part");
    });
  }

  /** The entity the address belongs to (from on-chain evidence), with its other members and how they are linked. */
  function drawEntity(address) {
    return fetch(API + "/entities/" + encodeURIComponent(address), { headers: { accept: "application/json" } })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (e) {
        var note = $("entity-note");
        note.innerHTML = "";
        if (!e || e.size < 2) {
          note.textContent = "entity: no other address is linked to this one by on-chain evidence";
          return;
        }
        var me = e.members.find(function (m) { return m.address === address.toLowerCase(); });
        note.appendChild(document.createTextNode("entity " + e.id.slice(0, 10) + "…" + (e.name ? " (" + e.name + ")" : "") + ", " + e.size + " addresses: "));
        e.members.forEach(function (m, i) {
          if (i > 0) note.appendChild(document.createTextNode(", "));
          note.appendChild(addressLink(m.address));
        });
        if (me && me.evidence.length) {
          var kinds = me.evidence.map(function (x) { return x.kind; }).filter(function (k, i, all) { return all.indexOf(k) === i; });
          note.appendChild(document.createTextNode(" · linked by " + kinds.join(", ")));
        }
      })
      .catch(function () {});
  }

  function main() {
    setupSearch();
    var address = decodeURIComponent(window.location.pathname.split("/").pop() || "");
    return fetch(API + "/accounts/" + encodeURIComponent(address), { headers: { accept: "application/json" } })
      .then(function (res) {
        return res.json().then(function (body) {
          if (!res.ok) throw new Error(body.detail || String(res.status));
          return body;
        });
      })
      .then(function (a) {
        state.account = a;
        draw(a);
        return drawEntity(a.address);
      })
      .catch(showError)
      .then(function () {
        state.ready = true;
        document.body.setAttribute("data-ready", "true");
      });
  }

  main();
})();
