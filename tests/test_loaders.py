"""Loading article files: formats, metadata given by the file, encodings and bad files."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from pathlib import Path

import pytest

from index.text.documents import read_document
from index.text.loaders import ArticleError, is_article_path, load_article

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "articles"
SEEDS = REPO_ROOT / "documents"
LIMIT = 1_000_000
CHINESE = (
    "中新网9月19日电 第二轮第四批中央生态环境保护督察进驻吉林、山东。"
    "截至9月15日20时，共收到群众来电来信22511件。"
)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_markdown_front_matter_is_metadata_not_text() -> None:
    article = load_article(SEEDS / "2021-09-19-chinanews-round2-batch4-progress.md", LIMIT)
    assert article.text.startswith("China News Service, September 19. According to")
    assert "---" not in article.text and "title:" not in article.text
    assert article.given["source"] == "China News Service"
    assert article.given["date"] == dt.date(2021, 9, 19)
    assert article.given["title"].startswith("Second round, fourth batch")


def test_explicit_null_in_front_matter_is_kept() -> None:
    article = load_article(SEEDS / "cdi-daily-round2-batch6-rectification.md", LIMIT)
    assert "date" in article.given and article.given["date"] is None


def test_plain_text_is_loaded_verbatim_and_hash_covers_raw_bytes() -> None:
    path = FIXTURES / "hebei-pilot-2016.txt"
    article = load_article(path, LIMIT)
    assert article.text == path.read_text(encoding="utf-8").strip()
    assert article.given == {}
    assert article.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


def test_html_main_text_with_dateline_and_no_boilerplate() -> None:
    article = load_article(FIXTURES / "r3b3-progress-2024.html", LIMIT)
    assert "Xinhua News Agency, November 2, 2024" in article.text
    assert "As of 20:00 on October 30, the teams had received 5,865 reports" in article.text
    for boilerplate in ("Home", "Search", "About us", "Privacy", "<p", "</"):
        assert boilerplate not in article.text
    assert (
        article.given["title"]
        == "Third batch of third-round central inspectors holds 43 officials to account"
    )


def test_html_meta_tags_are_given_metadata(tmp_path: Path) -> None:
    html = """<html><head><title>Page title | Site</title>
<meta property="og:title" content="Inspectors reach Hebei">
<meta property="og:site_name" content="China Daily">
<meta name="description" content="The second batch arrives.">
<meta property="article:published_time" content="2020-09-02T08:00:00+08:00">
<link rel="canonical" href="https://example.org/a.html">
</head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><p>China Daily, September 2, 2020. The second batch of the second round of central ecological and
environmental protection inspections reached Beijing, Tianjin and Zhejiang on Sunday.</p>
<p>The teams will stay for about a month and accept reports from the public by phone and letter.</p></article>
<footer>Copyright China Daily. All rights reserved.</footer></body></html>"""
    article = load_article(write(tmp_path, "a.htm", html), LIMIT)
    assert article.given["title"] == "Inspectors reach Hebei"
    assert article.given["site_name"] == "China Daily"
    assert article.given["date"] == dt.date(2020, 9, 2)
    assert article.given["url"] == "https://example.org/a.html"
    assert article.given["description"] == "The second batch arrives."
    assert article.text.startswith("China Daily, September 2, 2020. The second batch")
    assert "World" not in article.text and "All rights reserved" not in article.text


def test_sidecar_overrides_and_changes_the_hash(tmp_path: Path) -> None:
    path = write(
        tmp_path, "note.txt", "China News Service, June 11. The second batch of the third round began."
    )
    before = load_article(path, LIMIT)
    write(tmp_path, "note.txt.meta.yaml", "title: Sidecar title\nurl: https://example.org/x\nreporter: Li\n")
    after = load_article(path, LIMIT)
    assert after.given == {"title": "Sidecar title", "url": "https://example.org/x", "reporter": "Li"}
    assert after.content_hash != before.content_hash
    assert not is_article_path(tmp_path / "note.txt.meta.yaml") and is_article_path(path)


def test_stem_sidecar_is_found(tmp_path: Path) -> None:
    path = write(tmp_path, "note.md", "---\ntitle: From front matter\nsource: X\n---\nBody text here.")
    write(tmp_path, "note.meta.yaml", "title: From sidecar\n")
    article = load_article(path, LIMIT)
    assert article.given["title"] == "From sidecar" and article.given["source"] == "X"
    assert article.text == "Body text here."


def test_markdown_markup_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path, "m.md", "# Heading line\n\nA **bold** [link](http://x.org) here.\n")
    assert load_article(path, LIMIT).text == "Heading line\n\nA bold link here."


def test_gb18030_chinese_is_detected(tmp_path: Path) -> None:
    path = write(tmp_path, "cn.txt", CHINESE.encode("gb18030"))
    assert load_article(path, LIMIT).text == CHINESE


def test_gb2312_declared_html_is_decoded(tmp_path: Path) -> None:
    html = (
        f'<html><head><meta charset="gb2312"><title>督察</title></head><body><p>{CHINESE}</p></body></html>'
    )
    article = load_article(write(tmp_path, "cn.html", html.encode("gb18030")), LIMIT)
    assert CHINESE in article.text


def test_utf8_bom_and_crlf_are_normalized(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", "\ufeffFirst line.\r\nSecond line.\rThird.".encode())
    article = load_article(path, LIMIT)
    assert article.text == "First line.\nSecond line.\nThird."


def test_utf8_bom_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.md", "\ufeff---\r\ntitle: T\r\n---\r\nBody.".encode())
    article = load_article(path, LIMIT)
    assert article.given == {"title": "T"} and article.text == "Body."


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "u16.txt", "Beijing News, October 17, 2018. Text.".encode("utf-16"))
    assert load_article(path, LIMIT).text == "Beijing News, October 17, 2018. Text."


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\r\n  ", "empty"),
        ("blank.md", b"---\ntitle: Only metadata\n---\n\n", "empty"),
        ("blank.html", b"<html><head><title>T</title></head><body> </body></html>", "empty"),
        ("nul.txt", b"PK\x03\x04\x00\x00binary\x00data", "binary"),
        ("control.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 18, 19, 20, 21]) * 40, "binary"),
        ("bad.pdf", b"%PDF-1.4 text", "unsupported"),
        ("noext", b"plain text", "unsupported"),
        ("bad-yaml.md", b"---\ntitle: [unclosed\n---\nBody.", "front matter"),
        ("list-yaml.md", b"---\n- a\n- b\n---\nBody.", "front matter"),
        ("open-yaml.md", b"---\ntitle: x\nBody without a closing line.", "front matter"),
    ],
)
def test_bad_files_raise_article_error(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    with pytest.raises(ArticleError) as raised:
        load_article(write(tmp_path, name, data), LIMIT)
    assert reason in raised.value.reason
    assert "\n" not in raised.value.reason


def test_undecodable_bytes(tmp_path: Path) -> None:
    rng = random.Random(1)
    noise = bytes(rng.randrange(1, 256) for _ in range(3000))
    with pytest.raises(ArticleError, match=r"undecodable|binary"):
        load_article(write(tmp_path, "noise.txt", noise), LIMIT)


def test_oversized_file(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "word " * 1000)
    with pytest.raises(ArticleError, match="too large"):
        load_article(path, 1000)


def test_bad_sidecar(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Some text.")
    write(tmp_path, "a.txt.meta.yaml", "title: [oops\n")
    with pytest.raises(ArticleError, match="sidecar"):
        load_article(path, LIMIT)


def test_read_document_ids_paths_and_sentences(tmp_path: Path) -> None:
    sub = tmp_path / "2024"
    sub.mkdir()
    path = write(sub, "r3b2.txt", (FIXTURES / "r3b2-progress-2024.txt").read_bytes())
    document = read_document(path, tmp_path, LIMIT)
    assert document.doc_id == "r3b2"
    assert document.path == "2024/r3b2.txt"
    assert document.meta.scope.round == 3 and document.meta.scope.batch == 2
    assert next(document.text[s:e] for s, e in document.sentences) == "China News Service, June 11."
