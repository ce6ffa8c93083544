"""Feeds and article pages written by the tests: RSS 2.0, Atom, and pages whose story needs
extracting from navigation and footers."""

from __future__ import annotations

from html import escape

STORY = ("The harbour authority of {place} said on Monday that grain shipments rose for the "
         "third month in a row, as farmers brought in a larger harvest than forecast. "
         "Officials expect exports to stay high through the winter, the authority said in a "
         "statement, while traders warned that freight costs could still climb. ")


def story(place: str, paragraphs: int = 4) -> list[str]:
    return [f"{STORY.format(place=place)} Paragraph {n} of the {place} report."
            for n in range(1, paragraphs + 1)]


def page(title: str, paragraphs: list[str]) -> bytes:
    """An article page with navigation, the story in <article>, and a footer."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang='en'><head><title>{escape(title)}</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a>"
            f"</nav><article><h1>{escape(title)}</h1>{body}</article>"
            "<footer>Copyright The Test Gazette. All rights reserved.</footer></body></html>"
            ).encode()


def rss(items: list[dict], *, title: str = "The Test Gazette") -> bytes:
    """RSS 2.0: items with guid, title, link, description (a summary) and optionally
    content (content:encoded, the full text) and date (RFC 822)."""
    parts = []
    for item in items:
        content = (f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>"
                   if item.get("content") else "")
        parts.append(f"<item><guid>{item['guid']}</guid><title>{escape(item['title'])}</title>"
                     f"<link>{item['link']}</link>"
                     f"<description>{escape(item.get('summary', ''))}</description>{content}"
                     f"<pubDate>{item.get('date', 'Mon, 02 Nov 2026 09:30:00 GMT')}</pubDate>"
                     "</item>")
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
            "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
            f"<title>{escape(title)}</title><link>http://example.org/</link>"
            f"<language>en</language>{''.join(parts)}</channel></rss>").encode()


def atom(entries: list[dict], *, title: str = "Atom Herald") -> bytes:
    """Atom: entries with id, title, link, summary and optionally content (HTML)."""
    parts = []
    for entry in entries:
        content = (f"<content type='html'>{escape(entry['content'])}</content>"
                   if entry.get("content") else "")
        parts.append(f"<entry><id>{entry['guid']}</id><title>{escape(entry['title'])}</title>"
                     f"<link href='{entry['link']}'/><updated>2026-11-03T08:00:00Z</updated>"
                     f"<summary>{escape(entry.get('summary', ''))}</summary>{content}</entry>")
    return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>{escape(title)}</title><id>urn:test:atom</id>"
            f"<updated>2026-11-03T08:00:00Z</updated>{''.join(parts)}</feed>").encode()
