"""Helpers shared by the site-generator tests (tests/ssg/*.py): reading a built site and finding
factlint's marks in it. Not a test itself (the leading underscore keeps it out of ctest)."""
import os
import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
MARK_OPEN = re.compile(r'<mark class="factlint[^"]*"(?:\s+[\w-]+="[^"]*")*>')
STYLE = re.compile(r"<style data-factlint>.*?</style>", re.S)


def tree(folder):
    files = {}
    for root, _, names in os.walk(folder):
        for n in names:
            full = os.path.join(root, n)
            with open(full, "rb") as f:
                files[os.path.relpath(full, folder).replace(os.sep, "/")] = f.read()
    return files


def strip_factlint(page):
    return MARK_OPEN.sub("", STYLE.sub("", page)).replace("</mark>", "")


class MarkScanner(HTMLParser):
    """Every factlint mark with its ancestors and text; attribute values that carry factlint."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.marks, self.open, self.bad_attrs = [], [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "mark" and "factlint" in (a.get("class") or "").split():
            rec = {"ancestors": list(self.stack), "text": "", "rule": a.get("data-factlint")}
            self.marks.append(rec)
            self.open.append(rec)
        elif tag == "style" and "data-factlint" in a:
            pass
        else:
            for k, v in attrs:
                if v and ("<mark" in v or "factlint" in v):
                    self.bad_attrs.append((tag, k, v[:80]))
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "mark" and self.open:
            self.open.pop()
        for i in range(len(self.stack) - 1, -1, -1):  # tolerate omitted end tags (</p>, </li>)
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        for rec in self.open:
            rec["text"] += data


def scan(page):
    s = MarkScanner()
    s.feed(page)
    s.close()
    return s
