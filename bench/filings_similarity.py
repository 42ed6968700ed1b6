"""Filing review similarity: registering a document against N filed documents returns the similarity list.

Usage::

    python bench/filings_similarity.py [--documents 50000] [--samples 100]

It builds a throwaway database (SQLite in a temporary file; a fresh database on the
PostgreSQL server of ``DATABASE_URL`` when that is set — never the development
database), seeds N registered normative documents by bulk paths (text, MinHash
signature, LSH band keys, highlighted provisions; about one in forty is a revised
version of an earlier one), adds ``--samples`` filings waiting for the formal check
(half of them revisions of seeded documents, half new), starts its own uvicorn
server on 127.0.0.1 and registers each sample through
``POST /api/v1/filings/{id}/register`` with a bearer token, one at a time. The
response carries the similarity list; the latency of each call is measured end to
end and the server is stopped at the end.

Beside the registrations it times the first request of the cold server (``first_ms``, the
first registration) and the API's list of filings (``/api/v1/filings``) warm, with no write
in between (``list_p50_ms``, ``list_p95_ms``), and right after each registration
(``list_after_write_p50_ms``, ``list_after_write_p95_ms``).

The last line printed is one JSON object: documents, samples, p50_ms, p95_ms,
max_ms, first_ms, the list's figures, found_earlier_versions, seed_s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from urllib.parse import urlsplit, urlunsplit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

SUBJECTS = [
    "校外培训机构",
    "住宅小区物业",
    "城市道路停车",
    "农村集体土地",
    "餐饮服务单位",
    "建筑工地扬尘",
    "网络预约出租汽车",
    "养老服务机构",
    "中小学校食堂",
    "公共租赁住房",
    "燃气经营企业",
    "户外广告设施",
    "生活垃圾分类",
    "河道采砂",
    "历史文化街区",
    "城市绿化",
    "电动自行车",
    "医疗机构",
    "旅游景区",
    "农产品市场",
    "危险化学品",
    "共享单车",
    "地下管线",
    "供水企业",
    "体育场馆",
    "文物保护单位",
    "公共图书馆",
    "社区卫生服务",
    "职业技能培训",
    "中介服务机构",
]
VERBS = [
    "应当建立健全",
    "应当依法办理",
    "不得擅自变更",
    "应当定期公开",
    "应当加强监督检查",
    "可以委托第三方开展",
    "应当组织评估",
    "应当及时报告",
    "应当制定应急预案",
    "应当落实主体责任",
    "不得收取",
    "应当向社会公示",
    "应当配合",
    "应当完善",
]
OBJECTS = [
    "管理制度",
    "安全责任",
    "服务标准",
    "收费项目和标准",
    "登记手续",
    "信息台账",
    "投诉处理机制",
    "经营场所",
    "资质证明",
    "从业人员培训",
    "日常巡查",
    "风险隐患排查",
    "运营数据",
    "合同示范文本",
    "考核办法",
]
PENALTIES = [
    "由主管部门责令改正，处一千元以上一万元以下罚款",
    "情节严重的，吊销许可证",
    "可以依法查封、扣押相关设施",
    "应当缴纳保证金",
    "须经主管部门许可",
]
#: Common characters for the content words of the synthetic texts: unrelated documents share only
#: boilerplate, as real ones do (mean estimated Jaccard of two unrelated documents ≈ 0.05).
CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
    "多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由"
    "其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建"
    "月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知"
    "较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研质县拉米团往酸历市克何除消构半完收土"
)


def words(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(CHARS) + rng.choice(CHARS) for _k in range(n))


BODIES = [
    ("gov-edu", "教育局"),
    ("gov-housing", "住房和城乡建设局"),
    ("gov-transport", "交通运输局"),
    ("gov-market", "市场监督管理局"),
    ("gov-eco", "生态环境局"),
    ("gov-civil", "民政局"),
    ("gov-health", "卫生健康委员会"),
    ("gov-culture", "文化广电旅游局"),
]


# --------------------------------------------------------------------------- environment


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_env(tmp: str) -> tuple[dict[str, str], str | None]:
    """The environment of this process and the server; returns (env, PostgreSQL database to drop)."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "SECRET_KEY": "bench-" + uuid.uuid4().hex + "-0123456789abcdefghijklmnopqrstuvwxyz",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "RENDA_BENCH": "1",
            "LOG_LEVEL": "ERROR",
            "MEDIA_ROOT": os.path.join(tmp, "media"),
        }
    )
    drop = None
    url = os.environ.get("DATABASE_URL")
    if url:
        import psycopg

        name = f"renda_bench_filings_{os.getpid()}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path="/" + name))
        drop = name
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = os.path.join(tmp, "bench.sqlite3")
    return env, drop


def drop_database(name: str | None) -> None:
    """Drop the benchmark's database from the server's maintenance database (the environment
    may by now name the benchmark's own, which cannot be dropped from a connection to it)."""
    if name:
        import psycopg

        url = os.environ["DATABASE_URL"]
        if urlsplit(url).path.lstrip("/") == name:
            url = urlunsplit(urlsplit(url)._replace(path="/postgres"))
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --------------------------------------------------------------------------- documents


def document(rng: random.Random, n: int) -> tuple[str, str]:
    """A synthetic normative document: a title and 8–14 articles."""
    subject = rng.choice(SUBJECTS)
    title = f"清河市{subject}{words(rng, 2)}管理{rng.choice(['办法', '规定', '实施细则', '若干措施'])}（{n}）"
    articles = [
        f"第一条 为了加强{subject}管理，维护公共利益和当事人合法权益，根据有关法律法规，结合本市实际，制定本{title[-6:-4]}。"
    ]
    for i in range(2, rng.randint(9, 15)):
        parts = [
            f"{rng.choice(SUBJECTS)}{rng.choice(VERBS)}{words(rng, rng.randint(2, 4))}{rng.choice(OBJECTS)}"
            for _k in range(rng.randint(2, 4))
        ]
        clause = "，".join(parts)
        if rng.random() < 0.2:
            clause += "；" + rng.choice(PENALTIES)
        articles.append(f"第{i}条 {clause}，编号{rng.randint(1000, 99999)}。")
    articles.append("本办法自公布之日起施行。")
    return title, "\n".join(articles)


def revise(rng: random.Random, text: str) -> str:
    """A later version: a few articles rewritten."""
    lines = text.splitlines()
    for _k in range(max(1, len(lines) // 6)):
        i = rng.randrange(1, len(lines))
        lines[i] = (
            lines[i][:4]
            + f"{rng.choice(SUBJECTS)}{rng.choice(VERBS)}{words(rng, 3)}，修订{rng.randint(1, 999)}。"
        )
    return "\n".join(lines)


def seed(documents: int, samples: int, rng: random.Random) -> dict:
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from renda.accounts.models import Role, User
    from renda.accounts.services import api_token_issue
    from renda.filings import similarity
    from renda.filings.models import Filing, Receipt, SimilarityKey
    from renda.people.models import Organization
    from renda.people.services import jurisdiction_setup

    call_command("migrate", verbosity=0, interactive=False)
    root = User.objects.create_superuser("bench-root", password=uuid.uuid4().hex, role=Role.ADMIN)
    jurisdiction_setup(actor=root, name="基准市", level="city", population=3_000_000)
    gov = Organization.objects.get(code="government")
    bodies = [
        Organization.objects.create(
            code=code, name=f"基准市{name}", kind="government_department", parent=gov
        )
        for code, name in BODIES
    ]
    staff = User.objects.create_user(
        "bench-staff",
        password=uuid.uuid4().hex,
        role=Role.STAFF,
        scope=Organization.objects.get(code="office"),
    )
    _token, secret = api_token_issue(actor=staff, label="bench")

    now = timezone.now()
    published = timezone.localdate() - dt.timedelta(days=10)
    texts: list[tuple[int, str, str]] = []
    batch: list[Filing] = []
    keys: list[SimilarityKey] = []

    def flush():
        Filing.objects.bulk_create(batch, batch_size=500)
        ids = dict(
            Filing.objects.filter(
                document_number__in=[f.document_number for f in batch]
            ).values_list("document_number", "pk")
        )
        for f in batch:
            for k in similarity.band_keys(f.signature):
                keys.append(SimilarityKey(filing_id=ids[f.document_number], key=k))
        SimilarityKey.objects.bulk_create(keys, batch_size=2000)
        batch.clear()
        keys.clear()

    for n in range(documents):
        body = bodies[n % len(bodies)]
        if texts and rng.random() < 0.025:
            _b, title, text = texts[rng.randrange(len(texts))]
            text = revise(rng, text)
            title = title + "（修订）"
        else:
            title, text = document(rng, n)
        texts.append((body.pk, title, text))
        batch.append(
            Filing(
                title=title[:200],
                document_number=f"基{body.code}〔2025〕{n}号",
                enacting_body=body,
                published_on=published,
                filed_at=now,
                filing_due_on=published + dt.timedelta(days=30),
                formal_check_due_on=published,
                text=text,
                drafting_explanation="起草说明",
                legal_basis="有关法律法规",
                status="registered",
                registered_at=now,
                registration_number=f"备2025第{n + 1:05d}号",
                registration_year=2025,
                registration_serial=n + 1,
                title_key=similarity.title_key(title),
                signature=similarity.signature(text),
                highlights=similarity.highlights(text),
            )
        )
        if len(batch) >= 1000:
            flush()
    if batch:
        flush()
    Receipt.objects.all().delete()
    pending = []
    revisions = set()
    for n in range(samples):
        body = bodies[n % len(bodies)]
        if n % 2 == 0:
            i = rng.randrange(len(texts))
            body_pk, title, text = texts[i]
            body = next(b for b in bodies if b.pk == body_pk)
            text = revise(rng, text)
            revisions.add(n)
        else:
            title, text = document(rng, documents + n)
        f = Filing.objects.create(
            title=title[:200],
            document_number=f"样本〔2026〕{n}号",
            enacting_body=body,
            published_on=published,
            filed_at=now,
            filing_due_on=published + dt.timedelta(days=30),
            formal_check_due_on=published,
            text=text,
            drafting_explanation="起草说明",
            legal_basis="有关法律法规",
            status="submitted",
            title_key=similarity.title_key(title),
            signature=similarity.signature(text),
            highlights=similarity.highlights(text),
        )
        SimilarityKey.objects.bulk_create(
            [SimilarityKey(filing=f, key=k) for k in similarity.band_keys(f.signature)]
        )
        pending.append((f.pk, n in revisions))
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("ANALYZE")
    return {"token": secret, "pending": pending}


# --------------------------------------------------------------------------- server


class Server:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def start(self) -> Server:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "config.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
                "--no-access-log",
                "--lifespan",
                "on",
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("uvicorn exited at start")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.1)
        raise RuntimeError("uvicorn did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def register(base: str, token: str, pk: int) -> tuple[float, dict]:
    request = urllib.request.Request(
        f"{base}/api/v1/filings/{pk}/register",
        data=b"{}",
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.loads(response.read())
    return (time.perf_counter() - start) * 1000, body


def get(base: str, token: str, path: str) -> float:
    request = urllib.request.Request(f"{base}{path}", headers={"Authorization": f"Bearer {token}"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status}")
    return (time.perf_counter() - start) * 1000


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    documents, samples = max(args.documents, 1), max(min(args.samples, 10_000), 2)
    rng = random.Random(args.seed)
    tmp = tempfile.mkdtemp(prefix="renda-bench-filings-")
    env, drop = make_env(tmp)
    server = None
    try:
        os.environ.update(env)
        import django

        django.setup()
        started = time.monotonic()
        data = seed(documents, samples, rng)
        seed_s = time.monotonic() - started
        print(f"seeded {documents} documents and {samples} samples in {seed_s:.1f} s", flush=True)
        from django.db import connections

        connections.close_all()
        server = Server(env).start()
        base = f"http://127.0.0.1:{server.port}"
        latencies, found, lengths, after_write = [], 0, [], []
        listing = "/api/v1/filings?limit=20"
        first_ms = None
        for pk, _is_revision in data["pending"][:1]:  # the first request of a cold server
            first_ms, _body = register(base, data["token"], pk)
        # The list, warm, with no write in between; then the list again right after each write.
        warm = [get(base, data["token"], listing) for _n in range(23)][3:]
        for pk, is_revision in data["pending"][1:]:
            ms, body = register(base, data["token"], pk)
            after_write.append(get(base, data["token"], listing))
            latencies.append(ms)
            lengths.append(len(body["similar"]))
            if is_revision and body["similar"] and body["similar"][0]["score"] >= 0.5:
                found += 1
        revisions = sum(1 for _pk, r in data["pending"][1:] if r)
        result = {
            "documents": documents,
            "samples": len(latencies),
            "p50_ms": round(statistics.median(latencies), 1),
            "p95_ms": round(percentile(latencies, 0.95), 1),
            "max_ms": round(max(latencies), 1),
            "first_ms": round(first_ms, 1),
            "list_p50_ms": round(statistics.median(warm), 1),
            "list_p95_ms": round(percentile(warm, 0.95), 1),
            "list_after_write_p50_ms": round(statistics.median(after_write), 1),
            "list_after_write_p95_ms": round(percentile(after_write, 0.95), 1),
            "mean_similar": round(statistics.mean(lengths), 1),
            "found_earlier_versions": f"{found}/{revisions}",
            "seed_s": round(seed_s, 1),
            "database": "postgresql" if drop else "sqlite",
        }
        print(
            f"register p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, max {result['max_ms']} ms; "
            f"revisions found {result['found_earlier_versions']}; first {result['first_ms']} ms; "
            f"list p95 {result['list_p95_ms']} ms warm, {result['list_after_write_p95_ms']} ms after a write"
        )
        print(json.dumps(result, ensure_ascii=False))
    finally:
        if server is not None:
            server.stop()
        drop_database(drop)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
