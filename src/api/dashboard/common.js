// ve-lens dashboard pages: helpers shared by the dashboard (app.js) and the account page (account.js).
// Browser script, served at /dashboard/common.js before either; never imported by the server.
(function () {
  "use strict";

  function $(id) {
    return document.getElementById(id);
  }

  /** Adds `error` to `state.errors` and shows them all in the page's #error box. */
  function showError(state, error) {
    state.errors.push(String(error && error.message ? error.message : error));
    var box = $("error");
    box.style.display = "block";
    box.textContent = state.errors.join(" · ");
  }

  /** A decimal string of base units as a float in whole tokens. */
  function units(amount, decimals) {
    if (amount === null || amount === undefined) return null;
    var big = BigInt(amount);
    var keep = 6;
    var shift = decimals > keep ? BigInt(10) ** BigInt(decimals - keep) : BigInt(1);
    return Number(big / shift) / Math.pow(10, Math.min(decimals, keep));
  }

  function fmt(n, digits) {
    if (n === null || n === undefined || Number.isNaN(n)) return "–";
    return n.toLocaleString(undefined, { maximumFractionDigits: digits === undefined ? 2 : digits });
  }

  function shortAddress(a) {
    return a ? a.slice(0, 6) + "…" + a.slice(-4) : "";
  }

  /**
   * Short labels of the metric scopes, one per scope of src/domain/scopes.ts (in its order;
   * test/api/dashboardScopes.test.ts holds the two lists equal).
   */
  var SCOPE_LABEL = {
    CAST_VOTES: "cast votes",
    ELIGIBLE_POWER: "eligible power",
    LOCKED_BR: "locked BR",
    BR_HOLDINGS: "BR holdings",
    GAUGE_VOTERS: "voters of gauge",
    GAUGES: "gauges",
  };

  /** Fills a <select> with the scopes that need no gauge argument, in the list's order. */
  function fillScopeSelect(select) {
    Object.keys(SCOPE_LABEL).forEach(function (scope) {
      if (scope === "GAUGE_VOTERS") return;
      var opt = document.createElement("option");
      opt.value = scope;
      opt.textContent = SCOPE_LABEL[scope];
      select.appendChild(opt);
    });
  }

  window.veLensCommon = {
    API: "/api/v1",
    SCOPE_LABEL: SCOPE_LABEL,
    fillScopeSelect: fillScopeSelect,
    PALETTE: ["#3559e0", "#e0663a", "#2e9d6b", "#b8417d", "#c9a227", "#6f4bd8", "#1b9aaa", "#8a8f98", "#d64550", "#4d7c0f"],
    ADDRESS: /^0x[0-9a-fA-F]{40}$/,
    $: $,
    showError: showError,
    units: units,
    fmt: fmt,
    shortAddress: shortAddress,
  };
})();
