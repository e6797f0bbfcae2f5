"""HTML to PDF with WeasyPrint, offline: only ``data:`` URLs are fetched (images are embedded
by the templates), so rendering never touches the network or files outside the document."""

from __future__ import annotations


def html_to_pdf(html: str) -> bytes:
    import weasyprint

    if hasattr(weasyprint, "URLFetcher"):  # WeasyPrint >= 66
        fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    else:  # older releases take a function
        def fetcher(url: str, *args, **kwargs):
            if not url.startswith("data:"):
                raise ValueError(f"lpps renders offline; refused to fetch {url}")
            return weasyprint.default_url_fetcher(url, *args, **kwargs)
    return weasyprint.HTML(string=html, base_url="about:blank", url_fetcher=fetcher).write_pdf()
