"""The offline web page: Jinja templates, static assets and the SVG basemap (no network needed)."""
