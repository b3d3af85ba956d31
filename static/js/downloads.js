// Your downloads (templates/jobs/downloads.html): with JavaScript on, the list updates in
// place instead of the page reloading (the <noscript> meta refresh is for browsers without
// it). While the list is marked data-refresh, fetch the page every few seconds and swap the
// list in: it is an aria-live region, so a screen reader hears what changed. Stops once
// nothing is waiting or running, or when the person chose "Stop updating this page".
export function initDownloads () {
  const region = document.getElementById('downloads-status')
  if (!region) return
  const poll = () => {
    const seconds = Number(region.dataset.refresh || 0)
    if (!seconds) return
    window.setTimeout(async () => {
      try {
        const response = await fetch(window.location.href, { credentials: 'same-origin' })
        if (!response.ok) return
        const page = new DOMParser().parseFromString(await response.text(), 'text/html')
        const fresh = page.getElementById('downloads-status')
        if (!fresh) return
        region.innerHTML = fresh.innerHTML
        region.dataset.refresh = fresh.dataset.refresh || ''
      } catch (error) {
        return // offline for a moment: the next visit shows the news
      }
      poll()
    }, seconds * 1000)
  }
  poll()
}
