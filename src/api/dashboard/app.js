// ve-lens dashboard: reads the REST API (/api/v1) and draws with chart.js (served by the API).
// Browser script, served at /dashboard/app.js; never imported by the server.
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

  /** State exposed for tests and the console: the chart objects and the data behind them. */
  var state = { charts: {}, epochs: [], seasons: [], ready: false, errors: [] };
  window.veLens = state;

  function showError(error) {
    common.showError(state, error);
  }

  function api(path) {
    return fetch(API + path, { headers: { accept: "application/json" } }).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok) throw new Error(path + ": " + (body.detail || res.status));
        return body;
      });
    });
  }

  /** A link to the account page of an address. */
  function addressLink(a, text) {
    var link = document.createElement("a");
    link.className = "address";
    link.href = "/account/" + a.toLowerCase();
    link.textContent = text || a;
    link.title = a;
    return link;
  }

  /** The header's search box: an address opens its account page. */
  function setupSearch() {
    var form = $("account-search");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = $("account-input").value.trim();
      if (!ADDRESS.test(value)) {
        $("account-hint").textContent = "not an address: 0x followed by 40 hex digits";
        return;
      }
      window.location.href = "/account/" + value.toLowerCase();
    });
  }

  function isoDate(ts) {
    return new Date(ts * 1000).toISOString().slice(0, 10);
  }

  /** chart.js plugin: dashed vertical lines at category indices (`options.plugins.markers.marks`). */
  var markerPlugin = {
    id: "markers",
    afterDatasetsDraw: function (chart, _args, opts) {
      var marks = (opts && opts.marks) || [];
      if (!marks.length) return;
      var ctx = chart.ctx;
      var area = chart.chartArea;
      var x = chart.scales.x;
      ctx.save();
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 1;
      ctx.strokeStyle = "#98a2b3";
      ctx.fillStyle = "#475467";
      ctx.font = "11px system-ui, sans-serif";
      marks.forEach(function (m) {
        var px = x.getPixelForValue(m.index) - (m.between ? (x.getPixelForValue(1) - x.getPixelForValue(0)) / 2 : 0);
        if (!(px >= area.left - 1 && px <= area.right + 1)) return;
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        ctx.fillText(m.label, px + 4, area.top + 12);
      });
      ctx.restore();
    },
  };
  Chart.register(markerPlugin);
  Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', sans-serif";
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  function replaceChart(name, canvasId, config) {
    if (state.charts[name]) state.charts[name].destroy();
    state.charts[name] = new Chart($(canvasId), config);
    return state.charts[name];
  }

  // ------------------------------------------------------------------------------------------
  // Concentration per epoch
  // ------------------------------------------------------------------------------------------

  function seasonMarks(labels) {
    var marks = [];
    // Every announced season (season 0, from time 0, has no row).
    state.seasons.forEach(function (s) {
      var index = labels.indexOf(String(s.startEpoch));
      if (index >= 0) marks.push({ index: index, label: "season " + s.number, between: index > 0 });
    });
    return marks;
  }

  function drawConcentration() {
    var scope = $("scope").value;
    $("series-csv").href = API + "/concentration/series?scope=" + scope + "&format=csv";
    return api("/concentration/series?scope=" + scope).then(function (series) {
      var labels = series.points.map(function (p) {
        return String(p.epoch);
      });
      replaceChart("concentration", "concentration-chart", {
        type: "line",
        data: {
          labels: labels,
          datasets: [
            {
              label: "Gini",
              data: series.points.map(function (p) {
                return p.gini;
              }),
              borderColor: PALETTE[0],
              backgroundColor: PALETTE[0],
              yAxisID: "y",
              tension: 0.2,
            },
            {
              label: "Nakamoto (50%)",
              data: series.points.map(function (p) {
                return p.nakamoto50;
              }),
              borderColor: PALETTE[1],
              backgroundColor: PALETTE[1],
              yAxisID: "y1",
              stepped: true,
            },
          ],
        },
        options: {
          interaction: { mode: "index", intersect: false },
          scales: {
            x: { title: { display: true, text: "epoch" } },
            y: { min: 0, max: 1, title: { display: true, text: "Gini" } },
            y1: { position: "right", beginAtZero: true, ticks: { precision: 0 }, grid: { drawOnChartArea: false }, title: { display: true, text: "Nakamoto" } },
          },
          plugins: {
            markers: { marks: seasonMarks(labels) },
            title: { display: true, text: SCOPE_LABEL[scope] + (series.points.some(function (p) { return p.live; }) ? " (last epoch live)" : "") },
          },
        },
      });
    });
  }

  // ------------------------------------------------------------------------------------------
  // Lorenz curve
  // ------------------------------------------------------------------------------------------

  function drawLorenz() {
    var epoch = $("epoch").value;
    var scope = $("lorenz-scope").value;
    $("distribution-csv").href = API + "/distribution?epoch=" + epoch + "&scope=" + scope + "&first=1000&format=csv";
    return api("/concentration?epoch=" + epoch + "&scope=" + scope + "&points=101").then(function (c) {
      var curve = c.lorenz.map(function (p) {
        return { x: p.x, y: p.y };
      });
      var config = {
        type: "line",
        data: {
          datasets: [
            { label: "Lorenz curve (epoch " + c.epoch + ")", data: curve, borderColor: PALETTE[0], backgroundColor: "rgba(53,89,224,0.12)", fill: true, pointRadius: 0, tension: 0 },
            { label: "equality", data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], borderColor: "#98a2b3", borderDash: [5, 4], pointRadius: 0 },
          ],
        },
        options: {
          parsing: false,
          scales: {
            x: { type: "linear", min: 0, max: 1, title: { display: true, text: "share of population (poorest first)" } },
            y: { min: 0, max: 1, title: { display: true, text: "share of " + SCOPE_LABEL[scope] } },
          },
        },
      };
      var chart = state.charts.lorenz;
      if (chart) {
        chart.data.datasets[0].data = curve;
        chart.data.datasets[0].label = config.data.datasets[0].label;
        chart.options.scales.y.title.text = config.options.scales.y.title.text;
        chart.update();
      } else {
        replaceChart("lorenz", "lorenz-chart", config);
      }
      state.lorenz = { epoch: c.epoch, scope: c.scope, points: curve.length };
      drawTopHolders(c.epoch, c.scope);
      $("lorenz-metrics").innerHTML =
        "<span>n <b>" + c.n + "</b></span>" +
        "<span>Gini <b>" + fmt(c.gini, 3) + "</b></span>" +
        "<span>Nakamoto 50% <b>" + c.nakamoto50 + "</b></span>" +
        "<span>HHI <b>" + fmt(c.hhi, 3) + "</b></span>" +
        "<span>top 1 <b>" + fmt(c.top1Share * 100, 1) + "%</b></span>" +
        "<span>" + (c.live ? "live" : c.finalized ? "finalized" : "closed") + "</span>";
      drawUplift(c.epoch, c.scope);
    });
  }

  /** Address vs entity numbers of the Lorenz curve's population (not for GAUGES: gauges are not owners). */
  function drawUplift(epoch, scope) {
    var box = $("entity-uplift");
    if (scope === "GAUGES") {
      box.innerHTML = "";
      return;
    }
    return api("/concentration/uplift?epoch=" + epoch + "&scope=" + scope)
      .then(function (u) {
        box.innerHTML =
          "<span>by entity:</span>" +
          "<span>n <b>" + u.address.n + " → " + u.entity.n + "</b></span>" +
          "<span>Nakamoto 50% <b>" + u.address.nakamoto50 + " → " + u.entity.nakamoto50 + "</b></span>" +
          "<span>Gini <b>" + fmt(u.address.gini, 3) + " → " + fmt(u.entity.gini, 3) + "</b></span>" +
          "<span>top 1 <b>" + fmt(u.address.top1Share * 100, 1) + "% → " + fmt(u.entity.top1Share * 100, 1) + "%</b></span>";
      })
      .catch(function () {
        box.innerHTML = "";
      });
  }

  /** The ten largest of the Lorenz curve's population, each linking to its account page. */
  function drawTopHolders(epoch, scope) {
    return api("/distribution?epoch=" + epoch + "&scope=" + scope + "&first=10")
      .then(function (d) {
        var body = $("top-holders").querySelector("tbody");
        body.innerHTML = "";
        if (!d.items.length) body.innerHTML = '<tr><td colspan="4" class="empty">nobody</td></tr>';
        d.items.forEach(function (item) {
          var tr = document.createElement("tr");
          tr.innerHTML = "<td>" + item.rank + "</td><td></td><td class='num'>" + fmt(units(item.amount, 18), 2) + "</td><td class='num'>" + fmt(item.share * 100, 2) + "%</td>";
          tr.children[1].appendChild(scope === "GAUGES" ? document.createTextNode(shortAddress(item.owner)) : addressLink(item.owner));
          body.appendChild(tr);
        });
      })
      .catch(showError);
  }

  // ------------------------------------------------------------------------------------------
  // Gauge vote shares per epoch
  // ------------------------------------------------------------------------------------------

  function drawGauges(vaultNames) {
    var epochs = state.epochs.slice(-26);
    return Promise.all(
      epochs.map(function (e) {
        return api("/gauges?epoch=" + e.id);
      }),
    ).then(function (perEpoch) {
      var gauges = [];
      var meta = {};
      perEpoch.forEach(function (rows) {
        rows.forEach(function (g) {
          if (gauges.indexOf(g.gauge) < 0) gauges.push(g.gauge);
          meta[g.gauge] = g;
        });
      });
      var datasets = gauges.map(function (gauge, i) {
        var m = meta[gauge];
        var name = m.vault && vaultNames[m.vault] ? vaultNames[m.vault] : m.metadataURI || shortAddress(gauge);
        return {
          label: name,
          data: perEpoch.map(function (rows) {
            var row = rows.find(function (r) {
              return r.gauge === gauge;
            });
            return row ? row.share : 0;
          }),
          backgroundColor: PALETTE[i % PALETTE.length],
          stack: "shares",
        };
      });
      replaceChart("gauges", "gauges-chart", {
        type: "bar",
        data: {
          labels: epochs.map(function (e) {
            return String(e.id);
          }),
          datasets: datasets,
        },
        options: {
          scales: {
            x: { stacked: true, title: { display: true, text: "epoch" } },
            y: { stacked: true, min: 0, max: 1, title: { display: true, text: "share of votes" } },
          },
          plugins: {
            markers: { marks: seasonMarks(epochs.map(function (e) { return String(e.id); })) },
            tooltip: { callbacks: { label: function (item) { return item.dataset.label + ": " + fmt(item.raw * 100, 1) + "%"; } } },
          },
        },
      });
    });
  }

  // ------------------------------------------------------------------------------------------
  // Unlock schedule
  // ------------------------------------------------------------------------------------------

  function drawUnlocks() {
    return api("/unlocks").then(function (u) {
      var labels = u.points.map(function (p) {
        return isoDate(p.ts);
      });
      var nowIndex = u.points.findIndex(function (p) {
        return p.projected;
      });
      replaceChart("unlocks", "unlocks-chart", {
        type: "line",
        data: {
          labels: labels,
          datasets: [
            { label: "unlocked", data: u.points.map(function (p) { return units(p.unlocked, 18); }), borderColor: PALETTE[2], backgroundColor: "rgba(46,157,107,0.25)", fill: "origin", pointRadius: 0 },
            // drawn on top of "unlocked": the band between the two lines is what still vests
            { label: "still vesting", data: u.points.map(function (p) { return units(p.locked, 18) + units(p.unlocked, 18); }), borderColor: PALETTE[1], backgroundColor: "rgba(224,102,58,0.18)", fill: "-1", pointRadius: 0 },
            { label: "circulating supply (indexed)", data: u.points.map(function (p) { return units(p.circulatingSupply, 18); }), borderColor: PALETTE[0], pointRadius: 0, spanGaps: false },
          ],
        },
        options: {
          interaction: { mode: "index", intersect: false },
          scales: { y: { beginAtZero: true, title: { display: true, text: "BR" } } },
          plugins: { markers: { marks: nowIndex > 0 ? [{ index: nowIndex, label: "now", between: true }] : [] } },
        },
      });
      var body = $("upcoming").querySelector("tbody");
      body.innerHTML = "";
      var upcoming = u.upcoming.slice(0, 8);
      if (!upcoming.length) body.innerHTML = '<tr><td colspan="3" class="empty">nothing left to unlock</td></tr>';
      upcoming.forEach(function (x) {
        var tr = document.createElement("tr");
        tr.innerHTML = "<td>" + isoDate(x.ts) + "</td><td></td><td class='num'>" + fmt(units(x.amount, 18), 0) + "</td>";
        tr.children[1].textContent = x.allocation;
        body.appendChild(tr);
      });
    });
  }

  // ------------------------------------------------------------------------------------------
  // Vault TVL
  // ------------------------------------------------------------------------------------------

  function drawVaults(vaults) {
    return Promise.all(
      vaults.map(function (v) {
        return api("/vaults/" + v.address + "/tvl");
      }),
    ).then(function (series) {
      var epochs = [];
      series.forEach(function (s) {
        s.points.forEach(function (p) {
          if (epochs.indexOf(p.epoch) < 0) epochs.push(p.epoch);
        });
      });
      epochs.sort(function (a, b) {
        return a - b;
      });
      replaceChart("vaults", "vaults-chart", {
        type: "line",
        data: {
          labels: epochs.map(String),
          datasets: series.map(function (s, i) {
            var sticky = s.stickiness === null ? "no vote-share drop yet" : "stickiness " + fmt(s.stickiness * 100, 0) + "%";
            return {
              label: s.name + " (" + sticky + ")",
              data: epochs.map(function (e) {
                var p = s.points.find(function (x) {
                  return x.epoch === e;
                });
                return p && p.tvl !== null ? units(p.tvl, 8) : null;
              }),
              borderColor: PALETTE[i % PALETTE.length],
              backgroundColor: PALETTE[i % PALETTE.length],
              spanGaps: true,
              tension: 0.2,
            };
          }),
        },
        options: {
          scales: { x: { title: { display: true, text: "epoch" } }, y: { beginAtZero: true, title: { display: true, text: "TVL (BTC)" } } },
          plugins: { markers: { marks: seasonMarks(epochs.map(String)) } },
        },
      });
    });
  }

  // ------------------------------------------------------------------------------------------
  // Alerts
  // ------------------------------------------------------------------------------------------

  function drawAlerts() {
    return api("/alerts?first=1000").then(function (page) {
      var list = $("alerts");
      list.innerHTML = "";
      var latest = (page.alerts || []).slice(-10).reverse();
      state.alerts = latest.length;
      if (!latest.length) {
        list.innerHTML = '<li class="empty">no alerts</li>';
        return;
      }
      latest.forEach(function (a) {
        var li = document.createElement("li");
        var sev = document.createElement("span");
        sev.className = "sev " + a.severity;
        sev.textContent = a.severity;
        var title = document.createElement("b");
        title.textContent = a.title;
        var meta = document.createElement("div");
        meta.className = "meta";
        meta.textContent = "epoch " + a.epoch + " · " + isoDate(a.ts) + (a.provisional ? " · provisional" : "") + " — " + a.message;
        li.appendChild(sev);
        li.appendChild(title);
        li.appendChild(meta);
        // every address the alert names links to its account page
        var named = [a.subject].concat(Object.keys(a.details || {}).map(function (k) { return String(a.details[k]); }));
        named
          .filter(function (v, i) { return ADDRESS.test(v) && named.indexOf(v) === i; })
          .forEach(function (v) {
            meta.appendChild(document.createTextNode(" "));
            meta.appendChild(addressLink(v, shortAddress(v)));
          });
        list.appendChild(li);
      });
    });
  }

  // ------------------------------------------------------------------------------------------

  function guard(promise) {
    return promise.catch(showError);
  }

  function main() {
    common.fillScopeSelect($("scope"));
    common.fillScopeSelect($("lorenz-scope"));
    setupSearch();
    return Promise.all([api("/status"), api("/epochs"), api("/seasons"), api("/vaults")])
      .then(function (r) {
        var status = r[0];
        state.epochs = r[1];
        state.seasons = r[2];
        var vaults = r[3];
        var vaultNames = {};
        vaults.forEach(function (v) {
          vaultNames[v.address] = v.name;
        });
        $("status").textContent =
          "block " + status.block + " · " + new Date(status.timestamp * 1000).toISOString().replace("T", " ").slice(0, 16) + " UTC" +
          (status.liveEpoch !== null ? " · live epoch " + status.liveEpoch : "") +
          (status.lastFinalizedEpoch !== null ? " · finalized up to " + status.lastFinalizedEpoch : "");
        var select = $("epoch");
        select.innerHTML = "";
        state.epochs
          .slice()
          .reverse()
          .forEach(function (e) {
            var opt = document.createElement("option");
            opt.value = String(e.id);
            opt.textContent = e.id + (e.live ? " (live)" : e.finalized ? "" : " (closed)") + " · season " + e.season;
            select.appendChild(opt);
          });
        // default: the latest epoch with votes
        var withVotes = state.epochs.filter(function (e) {
          return e.castPower !== "0";
        });
        if (withVotes.length) select.value = String(withVotes[withVotes.length - 1].id);
        select.addEventListener("change", function () {
          guard(drawLorenz());
        });
        $("lorenz-scope").addEventListener("change", function () {
          guard(drawLorenz());
        });
        $("scope").addEventListener("change", function () {
          guard(drawConcentration());
        });
        return Promise.all([
          guard(drawConcentration()),
          guard(state.epochs.length ? drawLorenz() : Promise.resolve()),
          guard(drawGauges(vaultNames)),
          guard(drawUnlocks()),
          guard(drawVaults(vaults)),
          guard(drawAlerts()),
        ]);
      })
      .catch(showError)
      .then(function () {
        state.ready = true;
        document.body.setAttribute("data-ready", "true");
      });
  }

  main();
})();
