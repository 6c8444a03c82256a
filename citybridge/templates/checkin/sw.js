/* CityBridge check-in's service worker (scope /c/): the check-in page, its languages and its
   styles and script stay on the device once loaded, so the form opens and takes check-ins
   without a network. Submissions are not its business: the page queues them (checkin.js). */
"use strict";
const CACHE = "{{ cache }}";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith("checkin-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()));
});

// The page names what it needs (itself in every language, its styles and script): kept now,
// so that even the first visit's page works offline later.
self.addEventListener("message", (event) => {
  const urls = (event.data && event.data.cache) || [];
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(
    urls.map((url) => cache.add(new Request(url, {credentials: "same-origin"})).catch(() => null)))));
});

// The network first, so a page always shows the check-in's state when there is one; the kept
// copy when there is none.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (!url.pathname.startsWith("/c/") && !url.pathname.startsWith("/static/")) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request, {ignoreVary: true})
        .then((kept) => kept || Response.error())));
});
