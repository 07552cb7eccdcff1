"""Reading our pages in tests: the request headers for each staff language, a field's error text, the
messages shown after a redirect, the page's plain text and the cells of a table."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

SV = {"HTTP_ACCEPT_LANGUAGE": "sv"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def field_error(response, field_id: str) -> str:
    """The text of the error tied to a field (the element with id `<field id>_error`), or ""."""
    html = response.content.decode()
    match = re.search(rf'id="{re.escape(field_id)}_error"[^>]*>(.*?)</', html, re.S)
    return unescape(match.group(1)).strip() if match else ""


def points_at_error(response, field_id: str) -> bool:
    """The field (or each of its choices) names its error text with aria-describedby."""
    html = response.content.decode()
    tags = re.findall(rf'<(?:input|select|textarea)[^>]*id="{re.escape(field_id)}(?:_\d+)?"[^>]*>', html)
    return bool(tags) and all(f"{field_id}_error" in tag and 'aria-invalid="true"' in tag for tag in tags)


def styled_field(response, field_id: str, css: str = "form-control") -> bool:
    """The field is drawn as includes/field.html draws it: a label (.form-label) for its id, and the
    input, select or text area with its Bootstrap class `css`."""
    html = response.content.decode()
    label = re.search(rf'<label class="form-label" for="{re.escape(field_id)}"', html)
    tag = re.search(rf'<(?:input|select|textarea)\b[^>]*\bid="{re.escape(field_id)}"[^>]*>', html)
    return bool(label and tag and re.search(rf'class="(?:[^"]* )?{re.escape(css)}[ "]', tag.group(0)))


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def text(response) -> str:
    """The page's text without tags and with collapsed white space, for plain assertions."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


class _Table(HTMLParser):
    """The rows of the table with one id, each a list of its cells' texts (th and td alike)."""

    def __init__(self, table_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.table_id = table_id
        self.inside = False
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and dict(attrs).get("id") == self.table_id:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("th", "td"):
            self.cell = []
        elif self.cell is not None:
            self.cell.append(" ")  # a <br> or an element inside the cell parts words

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("th", "td") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def table_rows(response, table_id: str) -> list[list[str]]:
    """The rows of the table `id=table_id` (its head row first), each as the texts of its cells with
    collapsed white space. No nested tables."""
    parser = _Table(table_id)
    parser.feed(response.content.decode())
    return parser.rows
