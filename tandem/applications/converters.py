"""URL converters for applicant pages, registered once when this module is imported."""

from django.urls import register_converter

from tandem.applications.builtins import PAGE_ORDER


class LanguageConverter:
    """A language code such as sv, ar or fa-af."""

    regex = r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class PageConverter:
    """One of the public form's pages."""

    regex = "|".join(PAGE_ORDER)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "lang")
register_converter(PageConverter, "page")
