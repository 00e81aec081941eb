"""The forms a page renders, read from its HTML as a browser would submit them."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # the input's type, "select", "textarea" or "button"
    value: str = ""
    options: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    method: str
    action: str
    enctype: str
    fields: list[Field] = field(default_factory=list)

    def defaults(self) -> dict:
        """What the browser sends untouched (a named button counts only when pressed: the
        first one is)."""
        data = {}
        pressed = False
        for item in self.fields:
            if item.kind == "button":
                if not pressed:
                    data[item.name] = item.value
                    pressed = True
            elif item.kind in ("checkbox", "radio"):
                if item.value is not None and item.options:
                    data.setdefault(item.name, item.options[0])
            elif item.kind == "select":
                if item.options:
                    data[item.name] = item.value or item.options[0]
            elif item.kind != "file":
                data[item.name] = item.value or ""
        return data


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def _field(self, name, kind, **kwargs):
        for item in self._form.fields:
            if item.name == name and item.kind == kind and kind in ("checkbox", "radio"):
                return item
        item = Field(name=name, kind=kind, **kwargs)
        self._form.fields.append(item)
        return item

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "option" and self._select is not None:
            self._select.options.append(attrs.get("value", ""))
            if "selected" in attrs and not self._select.value:
                self._select.value = attrs.get("value", "")
            return
        if tag == "form":
            self._form = Form(
                method=attrs.get("method", "get").lower(),
                action=attrs.get("action", ""),
                enctype=attrs.get("enctype", ""),
            )
            self.forms.append(self._form)
            return
        if self._form is None or not attrs.get("name") or "disabled" in attrs:
            return
        name = attrs["name"]
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                self._field(name, "button", value=attrs.get("value", ""))
            elif kind in ("checkbox", "radio"):
                item = self._field(name, kind, multiple=kind == "checkbox")
                item.options.append(attrs.get("value", "on"))
            else:
                self._field(name, kind, value=attrs.get("value", ""))
        elif tag == "button":
            self._field(name, "button", value=attrs.get("value", ""))
        elif tag == "select":
            self._select = self._field(name, "select", multiple="multiple" in attrs)
        elif tag == "textarea":
            self._textarea = self._field(name, "textarea")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_in(html: str) -> list[Form]:
    """Every form on the page with its named fields, in the order they appear."""
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms
