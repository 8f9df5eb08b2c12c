"""XML feeds, parsed safely into a light tree whose every element and text knows its place.

The parser is defusedxml's hardened expat reader: a document that declares entities
(the "billion laughs" bomb, `<!ENTITY x SYSTEM "file:///etc/passwd">`) is refused
before anything is expanded or fetched, so a hostile feed costs bounded time and
memory. Its SAX layer is bypassed for speed: our handlers sit on the same expat
parser, next to defusedxml's guards.

Expat counts columns in characters, so a text's line and column give its exact offset
in the decoded file: a fix can edit it where the file holds it verbatim.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable

from listing_lint.errors import LoadError, NotACatalog, UserError
from listing_lint.loaders.reader import Probe, Reader
from listing_lint.model import Location, Scalar

_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)((?:\s+[^>]*?)?)/?>")
# What may stand before the root element: the declaration, comments, processing
# instructions and a DOCTYPE (with an internal subset in brackets). No nested repetition: a
# hostile prolog (`<!DOCTYPE x [a] [a] [a] …` with no end) costs linear time, not exponential.
_PROLOG = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.S)
_SPACE = re.compile(r"\s*")
# An attribute inside a start tag; its value may hold `>`.
_ATTRIBUTE = re.compile(r"""\s+([\w.:-]+)\s*=\s*("[^"]*"|'[^']*')""")
_XMLNS = re.compile(r"""\bxmlns(?::[\w.-]+)?\s*=\s*["']([^"']*)["']""")


class Element:
    """An element: `tag` is its local name, `ns` its namespace URI ('' for none)."""

    __slots__ = ("tag", "ns", "attrs", "children", "loc", "offset", "text", "text_loc", "text_start", "text_end")

    def __init__(self, tag: str, ns: str, attrs: dict[str, str], loc: Location, offset: int) -> None:
        self.tag = tag
        self.ns = ns
        self.attrs = attrs
        self.children: list[Element] = []
        self.loc = loc
        self.offset = offset  # of the `<` that opens it
        self.text = ""
        self.text_loc = loc
        self.text_start: int | None = None
        self.text_end: int | None = None

    def find(self, tag: str, ns: str | None = None) -> "Element | None":
        for child in self.children:
            if child.tag == tag and (ns is None or child.ns == ns):
                return child
        return None

    def findall(self, tag: str, ns: str | None = None) -> list["Element"]:
        return [c for c in self.children if c.tag == tag and (ns is None or c.ns == ns)]

    def scalar(self, blank: bool = False) -> Scalar | None:
        """The element's text as a located value, or None when it is empty.

        With `blank`, an empty element (`<g:title></g:title>`, `<name/>`) is a blank value
        located at the element: the field is written but empty, which rules say so of.
        """
        if not self.text.strip():
            return Scalar(self.text, self.text_loc) if blank else None
        return Scalar(self.text, self.text_loc, quoted=False, start=self.text_start, end=self.text_end)

    def qname(self, text: str) -> str:
        """The element's name as written, prefix included (`g:colour`), from the file's text."""
        m = re.compile(r"<([\w.:-]+)").match(text, self.offset)
        return m.group(1) if m else self.tag


class Document:
    """A parsed file: the root element, and the decoded text its offsets index."""

    def __init__(self, root: Element, text: str, path: str, line_starts: list[int]) -> None:
        self.root = root
        self.text = text
        self.path = path
        self._starts = line_starts

    def loc_at(self, offset: int) -> Location:
        line = bisect.bisect_right(self._starts, offset)
        return Location(self.path, line, offset - self._starts[line - 1] + 1)

    def attribute(self, element: Element, name: str) -> Scalar | None:
        """An attribute's value, located at its text inside the start tag."""
        value = element.attrs.get(name)
        if value is None or not value.strip():
            return None
        text = self.text
        at = text.find(element.tag, element.offset) + len(element.tag)  # past `<prefix:tag`
        while True:
            m = _ATTRIBUTE.match(text, at)
            if m is None:
                return Scalar(value, element.loc)
            if m.group(1).rpartition(":")[2] == name:
                start, end = m.start(2) + 1, m.end(2) - 1
                return Scalar(value, self.loc_at(start), quoted=True, start=start, end=end)
            at = m.end()


def root_element(text: str) -> tuple[str, frozenset[str]] | None:
    """The first element's local name and the namespaces declared on it, from the text alone:
    detection must not parse a whole feed, and must not fail where the parse would report better."""
    at = 0
    while True:
        prolog = _PROLOG.match(text, at)
        if prolog is None or prolog.end() == at:
            break
        at = prolog.end()
    m = _ROOT.match(text, at)
    if m is None:
        return None
    return m.group(1).rpartition(":")[2], frozenset(_XMLNS.findall(m.group(2) or ""))


def parse(text: str, path: str, items: frozenset[str], on_item: Callable[[Element, Document], None]) -> Document:
    """Parse `text`; each element whose local name is in `items` goes to `on_item` when it
    closes and is not kept in the tree (a feed of a million offers is never held at once)."""
    import pyexpat

    from defusedxml.common import DefusedXmlException
    from defusedxml.expatreader import DefusedExpatParser

    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    stack: list[Element] = []
    # Per open element: [text chunks, offset of the first, its line, its column (0-based), CDATA span or None]
    pieces: list[list] = []
    holder: dict[str, Element] = {}
    document: Document | None = None
    raw = None  # the expat parser: handlers ask it where they are (these run for every element of a feed)

    class Parser(DefusedExpatParser):
        def reset(self) -> None:
            nonlocal raw
            super().reset()  # installs defusedxml's guards on the expat parser
            raw = self._parser
            # A DOCTYPE's external subset (YML's standard `<!DOCTYPE yml_catalog SYSTEM "shops.dtd">`)
            # is never loaded: nothing is read or fetched, and the feed is still accepted.
            raw.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
            raw.buffer_text = False  # chunk positions are exact only unbuffered
            # Names as `URI local`: the SAX layer asks for `URI local prefix`, which would make
            # the prefix pass for the local name.
            raw.namespace_prefixes = False
            raw.StartElementHandler = start
            raw.EndElementHandler = end
            raw.CharacterDataHandler = chars
            raw.StartCdataSectionHandler = cdata_start
            raw.EndCdataSectionHandler = cdata_end

    reader = Parser(namespaceHandling=1)
    reader._source.setEncoding("utf-8")  # the text is decoded already; its declaration is history

    def offset() -> int:
        return starts[raw.CurrentLineNumber - 1] + raw.CurrentColumnNumber

    def start(name: str, attrs: dict[str, str]) -> None:
        # Expat counts lines from 1 and columns (in characters) from 0.
        line, column = raw.CurrentLineNumber, raw.CurrentColumnNumber
        ns, _, tag = name.rpartition(" ")
        if attrs:
            attrs = {k.rpartition(" ")[2]: v for k, v in attrs.items()}
        element = Element(tag, ns, attrs, Location(path, line, column + 1), starts[line - 1] + column)
        if stack:
            stack[-1].children.append(element)
        else:
            holder["root"] = element
        stack.append(element)
        pieces.append([[], None, 0, 0, None])

    def chars(data: str) -> None:
        state = pieces[-1]
        if state[1] is None:
            line, column = raw.CurrentLineNumber, raw.CurrentColumnNumber
            state[1], state[2], state[3] = starts[line - 1] + column, line, column
        state[0].append(data)

    def cdata_start() -> None:
        state = pieces[-1]
        at = offset()
        if state[1] is None:
            state[1], state[2], state[3] = at, raw.CurrentLineNumber, raw.CurrentColumnNumber
        state[4] = [at + len("<![CDATA["), None, len(state[0])]  # inner start, inner end, first and last chunk

    def cdata_end() -> None:
        cdata = pieces[-1][4]
        if cdata is not None and cdata[1] is None:
            cdata[1] = offset()
            cdata.append(len(pieces[-1][0]))

    def end(name: str) -> None:
        element = stack.pop()
        state = pieces.pop()
        if state[1] is not None:
            chunks = state[0]
            if len(chunks) == 1 and state[4] is None and not chunks[0][:1].isspace() and not chunks[0][-1:].isspace():
                # The common case, a leaf's one run of text: no CDATA, no layout around it.
                element.text, element.text_start = chunks[0], state[1]
                element.text_end = starts[raw.CurrentLineNumber - 1] + raw.CurrentColumnNumber
                element.text_loc = Location(path, state[2], state[3] + 1)
            elif not (element.children and "".join(chunks).isspace()):  # not the layout between children
                _set_text(element, state, offset())
        if element.tag in items and stack:
            stack[-1].children.pop()
            on_item(element, document_now())

    def _loc(at: int) -> Location:
        line = bisect.bisect_right(starts, at)
        return Location(path, line, at - starts[line - 1] + 1)

    def _set_text(element: Element, state: list, close: int) -> None:
        chunks, first, line, column, cdata = state
        value = chunks[0] if len(chunks) == 1 else "".join(chunks)
        if cdata is not None and len(cdata) == 4:
            inner = "".join(chunks[cdata[2]:cdata[3]])
            outside = "".join(chunks[: cdata[2]]) + "".join(chunks[cdata[3]:])
            if not outside.strip():  # `<description><![CDATA[<p>…</p>]]></description>`: the CDATA is the value
                element.text, element.text_start, element.text_end = inner, cdata[0], cdata[1]
                element.text_loc = _loc(cdata[0])
                return
        start, stop, loc = first, close, None
        # Pretty-printing (a newline and indentation around the text) is layout, not text. The
        # file's own characters are skipped, not the text's: expat reads `\r\n` as one `\n`.
        if value[:1].isspace():
            lead = len(value) - len(value.lstrip())
            if "\n" in value[:lead]:
                value, start = value[lead:], _SPACE.match(text, first).end()
                loc = _loc(start)
        if value[-1:].isspace():
            trail = len(value) - len(value.rstrip())
            if "\n" in value[len(value) - trail:]:
                value = value[: len(value) - trail]
                while stop > start and text[stop - 1].isspace():
                    stop -= 1
        element.text, element.text_start, element.text_end = value, start, stop
        element.text_loc = loc or Location(path, line, column + 1)

    def document_now() -> Document:
        nonlocal document
        if document is None:
            document = Document(holder["root"], text, path, starts)
        return document

    try:
        reader.feed(text.encode("utf-8"))
        reader.close()
    except UserError:
        raise  # a reader's own message about an item, raised from inside the parse
    except DefusedXmlException as exc:
        raw = reader._parser
        line = column = None
        if raw is not None:
            # Expat stands inside the declaration by now: point at where it starts (`<!ENTITY`).
            at = offset()
            declared = text.rfind("<!ENTITY", 0, at + 1)
            line, column = _loc(declared if declared >= 0 else at)[1:]
        raise LoadError(_defused_message(exc), path, line, column) from None
    except Exception as exc:  # expat reports through SAXParseException / ExpatError
        raise _syntax_error(exc, text, path, stack, starts) from None
    if "root" not in holder:
        raise NotACatalog("an XML file with no elements", path, 1)
    return document_now()


def _defused_message(exc) -> str:
    from defusedxml.common import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    if isinstance(exc, EntitiesForbidden):
        if exc.sysid or exc.pubid:
            return (f"the file declares the XML entity '{exc.name}' that stands for the outside resource "
                    f"'{exc.sysid or exc.pubid}' (<!ENTITY ... SYSTEM>); listing-lint never reads or fetches one: "
                    "delete the entity declarations from the DOCTYPE and write the text out")
        return (f"the file declares the XML entity '{exc.name}' (<!ENTITY>); listing-lint does not expand entities "
                "(a few lines of them can grow to gigabytes, or read files of this machine): delete the "
                "entity declarations from the DOCTYPE and write the text out")
    if isinstance(exc, ExternalReferenceForbidden):
        return (f"the file refers to the external XML resource '{exc.sysid or exc.pubid}'; listing-lint never "
                "fetches one: delete the reference")
    if isinstance(exc, DTDForbidden):
        return "the file has a DOCTYPE declaration that listing-lint does not read"
    return f"unsafe XML refused: {exc}"


def _syntax_error(exc: Exception, text: str, path: str, stack: list[Element], starts: list[int]) -> LoadError:
    import pyexpat
    from pyexpat import errors

    cause = getattr(exc, "_exception", None) or exc
    if not isinstance(cause, pyexpat.ExpatError):
        getline = getattr(exc, "getLineNumber", None)
        return LoadError(f"not well-formed XML: {exc}", path, getline() if getline else None)
    line, column = cause.lineno, cause.offset + 1
    message = errors.messages[cause.code]
    at = starts[line - 1] + column - 1 if line - 1 < len(starts) else len(text)
    char = text[at : at + 1]
    if message == errors.XML_ERROR_MISPLACED_XML_PI:
        before = text[:at]
        if before.strip():
            what = "the XML declaration `<?xml …?>` must be the very first thing in the file: move it to line 1"
        else:
            lines = before.count("\n")
            blank = f"the {lines} blank line{'s' if lines != 1 else ''}" if lines else "the spaces"
            what = (f"the XML declaration `<?xml …?>` must be the very first thing in the file: delete {blank} "
                    "before it")
    elif message == errors.XML_ERROR_UNBOUND_PREFIX:
        # Expat points at the element: its own prefix, or one of its attributes'.
        name = re.compile(r"</?([\w.-]+):").match(text, at)
        if name is None:
            end = text.find(">", at)
            name = re.compile(r"\s(?!xmlns:)([\w.-]+):[\w.-]+\s*=").search(text, at, end if end >= 0 else len(text))
        prefix = name.group(1) if name else None
        what = (f"the namespace prefix `{prefix}:` is not declared: add xmlns:{prefix}=\"…\" to the root element"
                if prefix else "a namespace prefix is not declared: add its xmlns:…=\"…\" to the root element")
        if prefix == "g":
            what += ' (a Google feed declares `<rss xmlns:g="http://base.google.com/ns/1.0">`)'
    elif message == errors.XML_ERROR_INVALID_TOKEN and _bare_ampersand(text, starts[line - 1], at) is not None:
        # Expat stops just past `& `; the seller needs the column of the `&` itself.
        column = _bare_ampersand(text, starts[line - 1], at) - starts[line - 1] + 1
        what = "a bare `&` in the text: write it as `&amp;` (XML reads `&` as the start of an entity)"
    elif message == errors.XML_ERROR_INVALID_TOKEN and char == "<":
        what = "a bare `<` in the text: write it as `&lt;`, or put the HTML inside <![CDATA[ … ]]>"
    elif message == errors.XML_ERROR_UNDEFINED_ENTITY:
        name = re.compile(r"&([\w.-]*);?").match(text, at)
        what = (f"`&{name.group(1) if name else ''};` is not an XML entity (XML has only &amp; &lt; &gt; &quot; "
                "&apos;): write the character itself or a character reference such as &#160;")
    elif message in (errors.XML_ERROR_NO_ELEMENTS, errors.XML_ERROR_UNCLOSED_TOKEN,
                     errors.XML_ERROR_UNCLOSED_CDATA_SECTION) or (at >= len(text.rstrip()) and stack):
        open_ = stack[-1] if stack else None
        where = f" (<{open_.qname(text)}> opened on line {open_.loc.line} is never closed)" if open_ else ""
        what = f"the file ends before its XML is complete{where}: is it cut short?"
    elif message == errors.XML_ERROR_TAG_MISMATCH and stack:
        what = f"mismatched tag: <{stack[-1].qname(text)}>, opened on line {stack[-1].loc.line}, is not closed here"
    elif message == errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT:
        what = "text after the end of the XML document: a feed has one root element"
    else:
        what = f"not well-formed XML ({message})"
    return LoadError(what, path, line, column)


def _bare_ampersand(text: str, line_start: int, at: int) -> int | None:
    amp = text.rfind("&", line_start, at + 1)
    return amp if amp >= 0 and not re.match(r"&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z_][\w.-]*);", text[amp:]) else None


class XmlReader(Reader):
    """A feed in XML. Subclasses name their root and item elements and turn an item into a listing."""

    containers = ("xml",)
    suffixes = (".xml", ".rss", ".atom")
    item_tags: frozenset[str] = frozenset()

    def parse(self, probe: Probe, on_item: Callable[[Element, Document], None]) -> Document:
        return parse(probe.text, probe.path, self.item_tags, on_item)


class UnknownXml(Reader):
    """The fallback for XML no feed reader claims: it says which feeds are read."""

    name = "xml"
    summary = "XML"
    containers = ("xml",)

    def detect(self, probe: Probe) -> int:
        return 0

    def read(self, probe: Probe):
        from listing_lint.loaders.registry import readers

        root = probe.xml_root
        feeds = sorted(r.summary for r in readers().values() if "xml" in r.containers and r.name != self.name)
        named = f"<{root[0]}>" if root else "no root element"
        raise NotACatalog(f"an XML file with {named}, not a product feed listing-lint reads ({'; '.join(feeds)})",
                          probe.path, 1)
