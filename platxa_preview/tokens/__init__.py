"""Design tokens: validation, colour science, Odoo palette mapping and the instant CSS path.

```python
from platxa_preview.tokens import load_tokens, resolve, instant_css, to_primary_variables_scss

tokens = load_tokens("brand.tokens.json")  # plain format or W3C DTCG, auto-detected
css = tokens.to_css()  # instant custom-property stylesheet, no libsass
print(report_as_text(resolve(tokens)))  # colours, Odoo palette, WCAG contrast
scss = to_primary_variables_scss(tokens)  # a theme primary_variables.scss
```
"""

from .color import WcagVerdict, contrast_ratio, hex_to_oklch, oklch_to_srgb
from .css import bench_instant_css, instant_css
from .dtcg import dtcg_to_tokens, is_dtcg
from .model import ColorToken, TokenError, TokenSet, TokenValidationError
from .palette import (
    ColorSystem,
    OdooDesign,
    ThemeDesign,
    make_palette,
    read_theme_design,
    resolve_color_system,
    theme_design,
    theme_to_tokens,
    to_primary_variables_scss,
    tokens_to_odoo,
)
from .report import (
    ContrastCheck,
    ResolvedColor,
    ResolvedTokens,
    contrast_report,
    load_tokens,
    report_as_json,
    report_as_text,
    resolve,
)
from .scss_map import read_scss_variables

__all__ = [
    "ColorSystem",
    "ColorToken",
    "ContrastCheck",
    "OdooDesign",
    "ResolvedColor",
    "ResolvedTokens",
    "ThemeDesign",
    "TokenError",
    "TokenSet",
    "TokenValidationError",
    "WcagVerdict",
    "bench_instant_css",
    "contrast_ratio",
    "contrast_report",
    "dtcg_to_tokens",
    "hex_to_oklch",
    "instant_css",
    "is_dtcg",
    "load_tokens",
    "make_palette",
    "oklch_to_srgb",
    "read_scss_variables",
    "read_theme_design",
    "report_as_json",
    "report_as_text",
    "resolve",
    "resolve_color_system",
    "theme_design",
    "theme_to_tokens",
    "to_primary_variables_scss",
    "tokens_to_odoo",
]
