"""HTML to PDF with WeasyPrint, offline: only ``data:`` URLs are fetched (images are embedded
by the templates), so rendering never touches the network or files outside the document."""

from __future__ import annotations

from lpps_cli.errors import LppsError

#: characters Pango takes for a line or paragraph break inside a line of HTML text, where
#: WeasyPrint does not expect one (U+2029 at a line start fails an assertion): a space in a PDF
_PANGO_BREAKS = str.maketrans({"\u2028": " ", "\u2029": " "})


def html_to_pdf(html: str) -> bytes:
    import weasyprint

    from lpps_cli.text.markup import printable

    html = printable(html).translate(_PANGO_BREAKS)
    if hasattr(weasyprint, "URLFetcher"):  # WeasyPrint >= 66
        fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    else:  # older releases take a function

        def fetcher(url: str, *args, **kwargs):
            if not url.startswith("data:"):
                raise ValueError(f"lpps renders offline; refused to fetch {url}")
            return weasyprint.default_url_fetcher(url, *args, **kwargs)

    try:
        return weasyprint.HTML(string=html, base_url="about:blank", url_fetcher=fetcher).write_pdf()
    except (AssertionError, ValueError, TypeError, LookupError, ArithmeticError, RecursionError) as exc:
        # WeasyPrint stops on some text no HTML viewer minds; say so rather than crash
        raise LppsError(
            f"the PDF could not be made ({type(exc).__name__}: {exc}); the HTML format "
            "(--format html) shows the same document; please report this text to lpps"
        ) from None
