/// The catalogue's style sheet and search script: written by us, shipped
/// with the site, nothing loaded from elsewhere (no external scripts, fonts
/// or CDNs), so the site works from file:// and from any static server.
enum CatalogueAssets {
    static let styleSheet = """
    :root { --ink: #1d2430; --muted: #5b6577; --line: #d9dee7; --accent: #0b62a4; --soft: #f3f6fa; --warn: #8a4b00; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
    a { color: var(--accent); text-decoration: none; }
    a:hover { text-decoration: underline; }
    header.top { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .6rem 1rem;
      background: #14324f; color: #fff; }
    header.top .brand { color: #fff; font-weight: 600; font-size: 1.1rem; }
    header.top form { flex: 1 1 16rem; max-width: 32rem; }
    form.search { display: flex; gap: .4rem; }
    form.search input { flex: 1; min-width: 0; padding: .45rem .6rem; border: 1px solid var(--line); border-radius: 6px; font-size: 1rem; }
    form.search button { padding: .45rem .9rem; border: 0; border-radius: 6px; background: var(--accent); color: #fff; font-size: 1rem; cursor: pointer; }
    header.top form.search button { background: #2f78b7; }
    form.search.big { margin: 1rem 0 1.5rem; max-width: 40rem; }
    form.search.big input { font-size: 1.1rem; padding: .6rem .8rem; }
    main { max-width: 72rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
    h1 { font-size: 1.7rem; margin: .6rem 0 .8rem; overflow-wrap: anywhere; }
    h2 { font-size: 1.25rem; margin: 1.8rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
    .lead { color: var(--muted); font-size: 1.05rem; }
    .prose { white-space: pre-line; max-width: 52rem; }
    .warning { background: #fff4e0; border-left: 4px solid #e89a2c; padding: .5rem .8rem; color: var(--warn); }
    .contents { font-size: 1.05rem; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.2rem; margin: 1rem 0; }
    dl.facts dt { color: var(--muted); }
    dl.facts dd { margin: 0; overflow-wrap: anywhere; }
    div.table { overflow-x: auto; margin: .5rem 0 1rem; }
    table { border-collapse: collapse; width: 100%; font-size: .95rem; }
    th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid var(--line); }
    th { background: var(--soft); font-weight: 600; white-space: nowrap; }
    td code { white-space: nowrap; }
    code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); padding: 0 .2em; border-radius: 3px; }
    .notes { white-space: pre-line; display: block; max-width: 40rem; }
    ul.names { columns: 14rem auto; padding-left: 1.2rem; }
    ul.names li { break-inside: avoid; overflow-wrap: anywhere; }
    .feature { font-weight: 600; }
    .badge { display: inline-block; font-size: .75rem; font-weight: 600; padding: .05rem .45rem; border-radius: 999px;
      background: #e4ebf3; color: #24415f; vertical-align: middle; }
    .badge.version { background: #dff0e3; color: #1f5b2c; font-size: .9rem; }
    .badge.listed { background: #dff0e3; color: #1f5b2c; }
    .more, .pages { color: var(--muted); }
    ol.results { list-style: none; padding: 0; }
    ol.results li { padding: .55rem 0; border-bottom: 1px solid var(--line); }
    ol.results .kind { display: inline-block; min-width: 6.5rem; color: var(--muted); font-size: .85rem; text-transform: uppercase; letter-spacing: .03em; }
    ol.results .detail { display: block; color: var(--muted); font-size: .9rem; margin-left: 6.5rem; }
    footer { color: var(--muted); font-size: .85rem; text-align: center; padding: 2rem 1rem; border-top: 1px solid var(--line); }
    @media (max-width: 40rem) {
      body { font-size: 15px; }
      main { padding: .8rem .7rem 2rem; }
      h1 { font-size: 1.4rem; }
      dl.facts { grid-template-columns: 1fr; gap: 0; }
      dl.facts dt { margin-top: .5rem; }
      ol.results .detail { margin-left: 0; }
      ul.names { columns: 1; }
      /* Tables become cards: one row a block, each cell a line led by its column's header. */
      div.table { overflow-x: visible; }
      div.table table, div.table tbody, div.table tr, div.table td { display: block; width: 100%; }
      div.table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      div.table tr { border-bottom: 1px solid var(--line); padding: .45rem 0; }
      div.table td { border: 0; padding: .1rem 0; overflow-wrap: anywhere; }
      div.table td[data-label] { position: relative; padding-left: 6.5rem; min-height: 1.5em; }
      div.table td:empty { display: none; }
      div.table td[data-label]::before { content: attr(data-label); position: absolute; left: 0; width: 6rem;
        color: var(--muted); font-size: .85rem; line-height: 1.75; overflow-wrap: anywhere; }
      td code, dd code { white-space: normal; overflow-wrap: anywhere; }
      .notes { overflow-wrap: anywhere; }
    }

    """

    /// Searches `window.CATALOGUE_INDEX` (search-index.js: the JSON of
    /// search.json, wrapped so that it loads from file:// too, where browsers
    /// refuse fetch()). Results are built with DOM calls and textContent,
    /// never innerHTML, so names from packs cannot become markup.
    static let searchScript = """
    (function () {
      "use strict";
      var data = (window.CATALOGUE_INDEX && window.CATALOGUE_INDEX.items) || [];
      var order = { device: 0, board: 1, pack: 2, component: 3, example: 4 };
      var input = document.getElementById("search-input");
      var list = document.getElementById("search-results");
      var status = document.getElementById("search-status");
      var lowered = data.map(function (item) { return item[1].toLowerCase(); });

      function search(query) {
        var words = query.toLowerCase().split(/\\s+/).filter(Boolean);
        if (!words.length) { return []; }
        var hits = [];
        for (var i = 0; i < data.length; i++) {
          var name = lowered[i], all = true;
          for (var w = 0; w < words.length && all; w++) { all = name.indexOf(words[w]) >= 0; }
          if (!all) { continue; }
          var rank = name === words.join(" ") ? 0 : (name.indexOf(words[0]) === 0 ? 1 : 2);
          hits.push([rank, order[data[i][0]] || 9, name.length, i]);
        }
        hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]; });
        return hits.map(function (hit) { return data[hit[3]]; });
      }

      function show(query) {
        var results = search(query);
        while (list.firstChild) { list.removeChild(list.firstChild); }
        results.slice(0, 200).forEach(function (item) {
          var li = document.createElement("li");
          var kind = document.createElement("span");
          kind.className = "kind";
          kind.textContent = item[0];
          var link = document.createElement("a");
          link.href = item[2];
          link.className = "result " + item[0];
          link.textContent = item[1];
          var detail = document.createElement("span");
          detail.className = "detail";
          detail.textContent = item[3];
          li.appendChild(kind); li.appendChild(link); li.appendChild(detail);
          list.appendChild(li);
        });
        if (!query.trim()) { status.textContent = "Type a name: every word must match."; }
        else if (!results.length) { status.textContent = "Nothing matches \\u201c" + query + "\\u201d."; }
        else { status.textContent = results.length + (results.length === 1 ? " match" : " matches") + (results.length > 200 ? ", the first 200 shown" : "") + "."; }
      }

      var query = new URLSearchParams(window.location.search).get("q") || "";
      input.value = query;
      show(query);
      input.addEventListener("input", function () {
        show(input.value);
        try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file:// may refuse */ }
      });
    })();

    """
}
