"""Drives the explorer in headless Chromium through chromedriver (W3C WebDriver over plain HTTP, standard library only).

Usage: browser.py BASE_URL SCREENSHOT_DIR
Loads the page, types 蔡剑峰 in the search box, submits, opens the person page
from the results, and prints what the page shows as one JSON object on
standard output; screenshots are written to SCREENSHOT_DIR.
"""
import base64, json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.parse, urllib.request

base, shots = sys.argv[1], sys.argv[2]
os.makedirs(shots, exist_ok=True)
driver_bin = shutil.which("chromedriver") or "/usr/lib/chromium/chromedriver"
chrome_bin = shutil.which("chromium") or "/usr/bin/chromium"

s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
profile = tempfile.mkdtemp(prefix="jiyao-chromium-")
driver = subprocess.Popen([driver_bin, f"--port={port}", "--allowed-ips=127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
W = f"http://127.0.0.1:{port}"
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def call(method, path, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(W + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read() or b"{}").get("value")


def wait(fn, what, seconds=20):
    end = time.time() + seconds
    while time.time() < end:
        try:
            v = fn()
            if v:
                return v
        except Exception:
            pass
        time.sleep(0.2)
    raise SystemExit(f"timed out waiting for {what}")


session = None
try:
    wait(lambda: call("GET", "/status", timeout=2)["ready"], "chromedriver")
    caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {"binary": chrome_bin, "args": [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,1400"]}}}}
    session = call("POST", "/session", caps, timeout=60)["sessionId"]
    S = f"/session/{session}"
    call("POST", S + "/timeouts", {"script": 20000, "pageLoad": 20000, "implicit": 0})

    def find(css):
        return call("POST", S + "/element", {"using": "css selector", "value": css})[ELEMENT]

    def finds(css):
        return [e[ELEMENT] for e in call("POST", S + "/elements", {"using": "css selector", "value": css})]

    def text(e):
        return call("GET", f"{S}/element/{e}/text")

    def shot(name):
        with open(os.path.join(shots, name), "wb") as f:
            f.write(base64.b64decode(call("GET", S + "/screenshot")))

    call("POST", S + "/url", {"url": base + "/"})
    wait(lambda: call("POST", S + "/execute/sync", {"script": "return document.body.dataset.route === 'home' && !!document.getElementById('stats');", "args": []}), "the home page")
    stats = text(find("#stats"))
    box = find("#q")
    call("POST", f"{S}/element/{box}/value", {"text": "蔡剑峰"})
    call("POST", f"{S}/element/{find('#go')}/click", {})
    wait(lambda: call("POST", S + "/execute/sync", {"script": "return document.body.dataset.route === 'search' && !!document.querySelector('#results');", "args": []}), "search results")
    results = [text(e) for e in finds("#results li")]
    shot("search.png")
    link = find("#results li[data-kind=person] a")
    call("POST", f"{S}/element/{link}/click", {})
    wait(lambda: call("POST", S + "/execute/sync", {"script": "return document.body.dataset.route === 'person' && !!document.querySelector('#timeline');", "args": []}), "the person page")
    page = call("POST", S + "/execute/sync", {"script": """
        return {
          title: document.querySelector('#title').textContent,
          hash: location.hash,
          meetings: [...document.querySelectorAll('#timeline li')].map(li => ({
            meeting: li.dataset.meeting, role: li.dataset.role, org: li.dataset.org,
            source: li.querySelector('a.src').getAttribute('href') })),
          organisations: [...document.querySelectorAll('#organisations tbody tr')].map(tr => [...tr.children].map(td => td.textContent)),
          coattendees: document.querySelectorAll('#co-attendees .who').length,
          fields: Object.fromEntries([...document.querySelectorAll('#fields dd')].map(d => [d.dataset.field, d.textContent])),
        };""", "args": []})
    shot("person.png")
    # Follow the first meeting to its page, and a source link to its line.
    call("POST", f"{S}/element/{find('#timeline li a')}/click", {})
    wait(lambda: call("POST", S + "/execute/sync", {"script": "return document.body.dataset.route === 'meeting' && !!document.querySelector('#attendance');", "args": []}), "the meeting page")
    meeting = call("POST", S + "/execute/sync", {"script": "return { title: document.querySelector('#title').textContent, roles: [...document.querySelectorAll('#attendance h3')].map(h => h.textContent) };", "args": []})
    shot("meeting.png")
    call("POST", S + "/url", {"url": base + "/#/graph/" + urllib.parse.quote("蔡剑峰")})
    wait(lambda: call("POST", S + "/execute/sync", {"script": "return document.body.dataset.route === 'graph' && !!document.querySelector('#graph');", "args": []}), "the graph page")
    graph = call("POST", S + "/execute/sync", {"script": "return { nodes: document.querySelectorAll('#graph circle').length, lines: document.querySelectorAll('#graph line').length };", "args": []})
    shot("graph.png")
    # A topic's page: its documents' total is asked for once the page is shown, and fills in.
    call("POST", S + "/url", {"url": base + "/#/topic/" + urllib.parse.quote("安全生产")})
    wait(lambda: call("POST", S + "/execute/sync", {"script": "const t = document.getElementById('documents-total'); return document.body.dataset.route === 'topic' && !!t && t.textContent !== '…';", "args": []}), "the topic page's documents total")
    topic = call("POST", S + "/execute/sync", {"script": "return { title: document.querySelector('#title').textContent, headings: [...document.querySelectorAll('h2')].map(h => h.textContent), entries: document.querySelectorAll('#timeline li').length };", "args": []})
    shot("topic.png")
    print(json.dumps({"stats": stats, "results": results, "person": page, "meeting": meeting, "graph": graph, "topic": topic}, ensure_ascii=False))
finally:
    if session:
        try:
            call("DELETE", f"/session/{session}")
        except Exception:
            pass
    driver.terminate()
    try:
        driver.wait(10)
    except Exception:
        driver.kill()
    shutil.rmtree(profile, ignore_errors=True)
