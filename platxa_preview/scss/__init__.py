"""Odoo theme SCSS without Odoo: the program in bundle order, libsass off the event loop, a
content-hash cache, errors at their original file and line, and an offline built-in layer.

```python
from platxa_preview.site import ThemeSite
from platxa_preview.scss import theme_css, build_program, compile_program, compile_async

site = ThemeSite.load("odoo/addons,design-themes", "theme_clean")
result = theme_css(site, tokens=tokens, bootstrap_scss="bootstrap/scss")
result.layer, result.css  # 'odoo' (Odoo's SCSS compiled) or 'builtin' (no Odoo SCSS)

program = build_program(site.site, "web.assets_frontend", bootstrap_scss=..., tokens=tokens)
css = compile_program(program).css  # or: (await compile_async(program)).css
```
"""

from .bootstrap import (
    BOOTSTRAP_VERSION,
    BootstrapNotFound,
    bootstrap_css,
    bootstrap_css_path,
    bootstrap_scss_version,
    fetch_bootstrap_scss,
    find_bootstrap_scss,
)
from .builtin import builtin_css
from .compiler import (
    CompiledCss,
    ScssCompiler,
    ScssError,
    compile_async,
    compile_program,
    default_compiler,
)
from .program import (
    FRONTEND_BUNDLE,
    VARIABLES_BUNDLE,
    ScssProgram,
    Segment,
    build_program,
    has_odoo_scss,
    palette_from_css,
    user_customizations,
)
from .theme import (
    BUILTIN_LAYER,
    ODOO_LAYER,
    Pipeline,
    ThemeCss,
    choose_pipeline,
    export_primary_variables,
    theme_css,
    theme_css_async,
    theme_tokens,
)

__all__ = [
    "BOOTSTRAP_VERSION",
    "BUILTIN_LAYER",
    "FRONTEND_BUNDLE",
    "ODOO_LAYER",
    "VARIABLES_BUNDLE",
    "BootstrapNotFound",
    "CompiledCss",
    "Pipeline",
    "ScssCompiler",
    "ScssError",
    "ScssProgram",
    "Segment",
    "ThemeCss",
    "bootstrap_css",
    "bootstrap_css_path",
    "bootstrap_scss_version",
    "build_program",
    "builtin_css",
    "choose_pipeline",
    "compile_async",
    "compile_program",
    "default_compiler",
    "export_primary_variables",
    "fetch_bootstrap_scss",
    "find_bootstrap_scss",
    "has_odoo_scss",
    "palette_from_css",
    "theme_css",
    "theme_css_async",
    "theme_tokens",
    "user_customizations",
]
