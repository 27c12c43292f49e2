// Progressive enhancements: the pages work without this script. Every word it shows
// comes from the page, in the page's language.
"use strict";

(function () {
  var body = document.body;
  var lang = document.documentElement.lang || "en";
  // UN documents write numbers with the digits 0-9 in every language, Arabic included.
  var locale = lang + "-u-nu-latn";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // `template` with each `{name}` replaced by a node (or text) of `parts`, as nodes.
  function fill(template, parts) {
    var nodes = [];
    template.split(/(\{[a-z]+\})/).forEach(function (piece) {
      var name = /^\{([a-z]+)\}$/.exec(piece);
      var value = name ? parts[name[1]] : piece;
      if (value === undefined || value === "") { return; }
      nodes.push(typeof value === "string" ? document.createTextNode(value) : value);
    });
    return nodes;
  }

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  // `2022-03-28T22:00`: a moment on the reader's own clock.
  function wallClock(moment) {
    return moment.getFullYear() + "-" + pad(moment.getMonth() + 1) + "-" +
      pad(moment.getDate()) + "T" + pad(moment.getHours()) + ":" + pad(moment.getMinutes());
  }

  function daysBetween(first, second) {
    var a = Date.UTC(first.getFullYear(), first.getMonth(), first.getDate());
    var b = Date.UTC(second.getFullYear(), second.getMonth(), second.getDate());
    return Math.round((b - a) / 86400000);
  }

  // Each session's time on the reader's own clock, after the meeting's, where they differ:
  // with the reader's date where it is not the meeting's, and a mark on an end that falls
  // on a later day than the start.
  function showReaderTimes() {
    var template = body.dataset.readerTime;
    if (!template || !window.Intl) { return; }
    var clock = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    var day = new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short" });
    var zone = new Intl.DateTimeFormat(locale, { timeZoneName: "short" });
    document.querySelectorAll("time[data-local-start]").forEach(function (time) {
      var label = time.closest("article, li").querySelector(".local-time");
      if (!label) { return; }
      var from = new Date(time.dataset.start);
      var to = new Date(time.dataset.end);
      if (wallClock(from) === time.dataset.localStart && wallClock(to) === time.dataset.localEnd) {
        return;  // the reader's clock is the meeting's: nothing to add
      }
      var when = element("span", "reader-clock");
      if (wallClock(from).slice(0, 10) !== time.dataset.localStart.slice(0, 10)) {
        var date = element("bdi", "reader-day", day.format(from));
        when.appendChild(date);
        when.appendChild(document.createTextNode(" "));
      }
      // The hours and the mark on the end read left to right together, in Arabic too.
      var span = element("bdi", "reader-span");
      span.dir = "ltr";
      span.appendChild(element("span", "reader-hours", clock.format(from) + "–" + clock.format(to)));
      var later = daysBetween(from, to);
      if (later > 0) {
        var mark = element("sup", "next-day", "+" + later);
        mark.title = body.dataset.nextDay;
        span.appendChild(mark);
      }
      when.appendChild(span);
      var name = zone.formatToParts(from).filter(function (part) {
        return part.type === "timeZoneName";
      })[0];
      var zoneName = element("bdi", "reader-zone", name ? name.value : "");
      label.textContent = "";
      fill(template, { zone: zoneName, time: when }).forEach(function (node) {
        label.appendChild(node);
      });
      label.hidden = false;
    });
  }

  function copyButton(button) {
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    var original = button.textContent;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        button.textContent = button.dataset.copied;
        setTimeout(function () { button.textContent = original; }, 2000);
      }, function () {
        var field = button.closest(".feed").querySelector("input");
        if (field) { field.select(); }
      });
    });
  }

  // As a query string writes a value: the way the server's links encode it.
  function encode(value) {
    return encodeURIComponent(value).replace(/%20/g, "+").replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function isAndroid() {
    var data = navigator.userAgentData;
    return /Android/i.test(navigator.userAgent) || !!(data && data.platform === "Android");
  }

  // The subscribe panel: what the reader picks (the whole meeting, a day, some items)
  // decides the one feed its actions are for.
  function Panel(section) {
    this.section = section;
    this.data = section.dataset;
    this.choose = section.querySelector("fieldset.choose");
    this.kinds = section.querySelectorAll("input[name=follow]");
    this.day = section.querySelector("select[name=day]");
    this.items = Array.prototype.slice.call(section.querySelectorAll("input[name=item]"));
    this.agenda = this.data.agenda ? this.data.agenda.split(" ") : [];
    this.feed = section.querySelector(".feed");
    this.copy = section.querySelector("button.copy");
    this.qr = section.querySelector("details.qr");
    this.url = null;
    var panel = this;
    this.choose.hidden = false;
    this.choose.addEventListener("change", function (event) {
      var target = event.target;
      if (target.name === "day") { panel.kind("day"); }
      if (target.name === "item") { panel.kind("items"); }
      panel.update(true);
    });
    if (this.copy) { copyButton(this.copy); }
    if (this.qr) {
      this.qr.addEventListener("toggle", function () { panel.drawQR(); });
    }
    if (isAndroid()) { this.fitAndroid(); }
  }

  Panel.prototype.kind = function (value) {
    if (value === undefined) {
      var checked = this.section.querySelector("input[name=follow]:checked");
      return checked ? checked.value : "all";
    }
    this.kinds.forEach(function (input) { input.checked = input.value === value; });
  };

  // webcal: opens nothing in Chrome on Android: there, Google Calendar comes first, then
  // the https address to copy, and the webcal link is not offered.
  Panel.prototype.fitAndroid = function () {
    var buttons = this.section.querySelector(".buttons");
    var google = buttons.querySelector(".google");
    var webcal = buttons.querySelector(".subscribe");
    if (this.copy && !this.copy.hidden) { buttons.insertBefore(this.copy, buttons.firstChild); }
    if (google) { buttons.insertBefore(google, buttons.firstChild); }
    if (webcal) { webcal.hidden = true; }
    this.section.querySelector(".android").hidden = false;
    this.section.classList.add("android");
  };

  // The feed of the current choice: its path, label, calendar name and file name.
  Panel.prototype.chosen = function () {
    var kind = this.kind();
    if (kind === "all") {
      return this.section.querySelector("input[name=follow][value=all]").dataset;
    }
    if (kind === "day") {
      return this.day.options[this.day.selectedIndex].dataset;
    }
    var agenda = this.agenda;
    var ticked = this.items.filter(function (input) { return input.checked; });
    ticked.sort(function (a, b) { return agenda.indexOf(a.value) - agenda.indexOf(b.value); });
    if (ticked.length === 0) { return null; }
    if (ticked.length === 1 || this.data.itemsPrefix === undefined) { return ticked[0].dataset; }
    var names = ticked.map(function (input) { return input.dataset.name; });
    var label = this.data.itemMany.replace("{items}", names.join(this.data.listSep));
    return {
      path: this.data.itemsPrefix + ticked.map(function (input) { return input.value; })
        .join(this.data.itemsSeparator) + this.data.itemsSuffix,
      label: label,
      title: this.data.titlePrefix + label,
      file: "",
    };
  };

  // The choice as a link to this panel: `#subscribe?item=5a+5d`.
  Panel.prototype.fragment = function () {
    var kind = this.kind();
    if (kind === "day") { return "#subscribe?day=" + this.day.value; }
    if (kind === "items") {
      var slugs = this.items.filter(function (i) { return i.checked; })
        .map(function (i) { return i.value; });
      if (slugs.length) { return "#subscribe?item=" + slugs.join("+"); }
    }
    return "#subscribe";
  };

  Panel.prototype.update = function (remember) {
    var feed = this.chosen();
    this.section.dataset.kind = this.kind();
    var parts = this.feed.querySelectorAll(".buttons, .address, details.qr, .chosen");
    this.feed.querySelector(".pick-items").hidden = feed !== null;
    parts.forEach(function (part) { part.hidden = feed === null; });
    if (remember) { history.replaceState(null, "", this.fragment()); }
    if (feed === null) { return; }
    var data = this.data;
    var url = data.base + feed.path;
    var values = { url: url, webcal: data.webcalBase + feed.path, name: feed.title };
    this.feed.querySelector(".chosen").textContent = data.chosen.replace("{feed}", feed.label);
    this.feed.querySelectorAll("a[data-template]").forEach(function (link) {
      link.href = link.dataset.template.replace(/\{(url|webcal|name)(\|q)?\}/g,
        function (_, name, quoted) { return quoted ? encode(values[name]) : values[name]; });
    });
    var download = this.feed.querySelector("a.download");
    download.href = data.root + feed.path + data.download;
    download.setAttribute("download", feed.file || "");
    this.feed.querySelector(".address input").value = url;
    if (this.copy) { this.copy.dataset.copy = url; }
    if (this.url !== url) {
      this.url = url;
      this.drawQR();
    }
  };

  Panel.prototype.drawQR = function () {
    if (!this.qr || !this.qr.open || !window.feedsQR) { return; }
    var holder = this.qr.querySelector(".qr-code");
    if (holder.dataset.url === this.url) { return; }
    holder.textContent = "";
    holder.appendChild(window.feedsQR.svg(this.url, this.url));
    holder.dataset.url = this.url;
  };

  // Choose what a link to the panel names: `#subscribe?day=2022-03-28`, `?item=5d+6`.
  Panel.prototype.select = function (hash) {
    var query = hash.split("?")[1] || "";
    var params = new URLSearchParams(query);
    var items = (params.get("item") || "").split(/[\s+,]+/).filter(Boolean);
    var day = params.get("day");
    if (items.length) {
      this.items.forEach(function (input) { input.checked = items.indexOf(input.value) >= 0; });
      this.kind("items");
    } else if (day && this.day.querySelector("option[value='" + CSS.escape(day) + "']")) {
      this.day.value = day;
      this.kind("day");
    } else {
      this.kind("all");
    }
    this.update(false);
  };

  Panel.prototype.show = function (hash) {
    this.select(hash);
    this.section.scrollIntoView({ block: "start" });
    this.section.focus({ preventScroll: true });
  };

  function enablePanel() {
    var section = document.getElementById("subscribe");
    if (!section || !section.querySelector("fieldset.choose")) { return; }
    var panel = new Panel(section);
    if (location.hash.indexOf("#subscribe") === 0) {
      panel.show(location.hash);
    } else {
      panel.update(false);
    }
    // A link to the panel from the programme: the browser's own history keeps the place
    // the reader came from, for the back button.
    document.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#subscribe']");
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey) { return; }
      event.preventDefault();
      if (location.hash !== link.hash) { history.pushState(null, "", link.hash); }
      panel.show(link.hash);
    });
  }

  // The embedded programme: tell the page around it how tall it is, whenever that changes.
  function reportHeight() {
    if (window.parent === window) { return; }
    var last = 0;
    function post() {
      var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height === last) { return; }
      last = height;
      window.parent.postMessage({ type: "meeting-feeds:height", height: height }, "*");
    }
    post();
    if (window.ResizeObserver) { new ResizeObserver(post).observe(document.body); }
    window.addEventListener("load", post);
  }

  // The embedded programme during the meeting, by the reader's clock: the session under
  // way or next first, the sessions over after the rest, under their own heading.
  function upcomingFirst() {
    var programme = document.querySelector("main.programme");
    if (!programme) { return; }
    var times = programme.querySelectorAll("time[data-start]");
    if (!times.length) { return; }
    var now = Date.now();
    var first = new Date(times[0].dataset.start).getTime();
    var last = new Date(times[times.length - 1].dataset.end).getTime();
    if (now < first || now >= last) { return; }
    var earlier = element("section", "earlier");
    earlier.appendChild(element("h2", "", programme.dataset.earlier));
    var marked = false;
    programme.querySelectorAll("section.day").forEach(function (day) {
      var over = Array.prototype.filter.call(day.querySelectorAll("li"), function (session) {
        return new Date(session.querySelector("time").dataset.end).getTime() <= now;
      });
      day.querySelectorAll("li").forEach(function (session) {
        if (marked || over.indexOf(session) >= 0) { return; }
        var started = new Date(session.querySelector("time").dataset.start).getTime() <= now;
        var mark = element("strong", "upcoming", started ? programme.dataset.now : programme.dataset.next);
        session.insertBefore(mark, session.firstChild);
        session.classList.add("current");
        marked = true;
      });
      if (!over.length) { return; }
      var list = day.querySelector("ul");
      if (over.length === list.children.length) {
        earlier.appendChild(day);
        return;
      }
      var part = element("section", "day");
      part.appendChild(day.querySelector("h2").cloneNode(true));
      var ended = element("ul", "compact");
      over.forEach(function (session) { ended.appendChild(session); });
      part.appendChild(ended);
      earlier.appendChild(part);
    });
    earlier.querySelectorAll("li").forEach(function (session) { session.classList.add("past"); });
    var links = programme.querySelector("p.links");
    programme.insertBefore(earlier, links);
  }

  upcomingFirst();
  showReaderTimes();
  enablePanel();
  if (body.classList.contains("embed")) { reportHeight(); }
})();
