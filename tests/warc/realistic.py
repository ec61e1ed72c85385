"""tests/warc/realistic.py -- news pages the size and shape of a crawl's,
for the WARC benchmark (build.py bench).

In:  the article pages of tests/html/ (small: 1-5 KB, the article and a
     little furniture) and a seeded random.Random.
Out: the same articles dressed as news sites serve them: a head with tens
     of <meta>/<link> tags, inline critical CSS, analytics and ad-loader
     scripts, JSON-LD, a serialized app state (window.__INITIAL_STATE__);
     an SVG sprite, a mega-menu, teaser rails with srcset images, ad slots,
     a footer of links and trailing scripts.  Pages are 30-250 KB (mean
     about 100 KB) and gzip (level 6, one member per record, as WARC
     writers do) about 4.5-5.5x, as CC-NEWS HTML does.  Each site has its
     own template (CSS, menu, scripts); each page has its own ids, hashes,
     teasers and state, so records do not compress against each other.

Nothing here is downloaded or copied from a real site.
"""
import random

WORDS = ("government minister president talks border security election parliament "
         "court police protest economy inflation budget energy gas oil deal sanctions "
         "military troops ceasefire summit leaders agreement vote opposition party "
         "coalition reform health hospital school teachers strike union workers prices "
         "market bank rates storm flood weather climate city council mayor housing "
         "transport rail airport ferry island region province capital village farmers "
         "trade exports tariffs talks visit officials spokesman report investigation "
         "trial judge charges arrest fire rescue injured killed dead attack drone "
         "missile navy coast guard migrants asylum refugees aid water food crisis "
         "record season match team coach league final cup win loss fans stadium "
         "technology startup company shares profit jobs growth data privacy law bill").split()
SECTIONS = ("World Europe Africa Americas Asia Middle-East Politics Business Markets "
            "Economy Tech Science Health Climate Sport Football Tennis Culture Books "
            "Film Music Travel Food Opinion Editorials Letters Obituaries Video Audio "
            "Podcasts Newsletters Weather Local Education Religion Property Motoring "
            "Crosswords Puzzles Lifestyle Fashion Money Pensions Jobs Events").split()
CSS_PROPS = ("display:flex;display:block;display:none;margin:0;padding:0;margin:0 auto;"
             "position:relative;position:absolute;top:0;left:0;right:0;bottom:0;"
             "font-weight:700;font-weight:400;line-height:1.4;line-height:1.25;"
             "text-transform:uppercase;letter-spacing:.02em;overflow:hidden;"
             "white-space:nowrap;text-overflow:ellipsis;border:0;border-radius:4px;"
             "align-items:center;justify-content:space-between;flex-wrap:wrap;"
             "box-sizing:border-box;cursor:pointer;z-index:10;opacity:.8;"
             "transition:opacity .2s ease-in-out;width:100%;max-width:1280px").split(";")
JS_WORDS = ("function return var let const this window document push length prototype "
            "call apply bind null undefined true false typeof object string number "
            "querySelector addEventListener createElement setAttribute getAttribute "
            "appendChild innerHTML className dataset style display none block "
            "Promise then catch resolve reject async await JSON parse stringify "
            "location href localStorage getItem setItem cookie split indexOf slice "
            "forEach map filter reduce Object keys assign defineProperty Array isArray "
            "Math floor random round max min Date now setTimeout clearTimeout").split()


def _hex(rng, n):
    return "%0*x" % (n, rng.getrandbits(4 * n))


def _ident(rng, n=None):
    alpha = "abcdefghijklmnopqrstuvwxyz"
    if n is None:  # names as a minifier leaves them: mostly one letter
        return rng.choice("etnrioascuEeTtNnRr") if rng.random() < 0.7 else rng.choice(alpha) + rng.choice(alpha)
    return "".join(rng.choice(alpha) for _ in range(n))


def _b64(rng, n):
    al = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    return "".join(rng.choice(al) for _ in range(n))


def _headline(rng, lo=5, hi=11):
    w = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    w[0] = w[0].capitalize()
    return " ".join(w)


def _slug(s):
    return s.lower().replace(" ", "-")


class Site:
    """One outlet's template: host, CSS, menu, scripts, footer."""

    def __init__(self, rng, k):
        self.host = "%s%s.example" % (rng.choice(["daily", "the", "news", "metro", "global", ""]),
                                     _ident(rng, rng.randint(5, 9)))
        self.name = "The %s %s" % (self.host.split(".")[0].capitalize(),
                                   rng.choice(["Herald", "Courier", "Post", "Times", "Tribune", "Ledger"]))
        self.cdn = "https://cdn.%s/assets" % self.host
        blocks = [_ident(rng, rng.randint(3, 8)) for _ in range(30)]
        self.classes = ["%s%s" % (rng.choice(blocks), rng.choice(["", "__title", "__link", "__item", "--large", "__media", "--active"]))
                        for _ in range(150)]
        self.css = self._css(rng, rng.randint(6000, 25000))
        self.js = self._js(rng, rng.randint(5000, 25000))
        self.apps = rng.random() < 0.6   # ships its app state in the page
        self.menu = self._menu(rng)
        self.footer = self._footer(rng)
        self.sprite = self._sprite(rng)
        self.tail_js = self._js(rng, rng.randint(3000, 12000))
        self.k = k

    def _css(self, rng, size):
        out, n = [], 0
        while n < size:
            sel = ",".join("." + rng.choice(self.classes) + rng.choice(["", " a", ">li", ":hover", "__title", " img"])
                           for _ in range(rng.randint(1, 3)))
            props = ";".join(rng.choice(CSS_PROPS) for _ in range(rng.randint(1, 5)))
            if rng.random() < 0.3:
                props += ";color:%s" % rng.choice(["#121212", "#c70000", "#fff", "#707070", "#052962", "#e5e5e5", "rgba(0,0,0,.6)"])
            if rng.random() < 0.2:
                props += ";font-size:%.3frem" % (rng.random() * 3)
            r = "%s{%s}" % (sel, props)
            if rng.random() < 0.08:
                r = "@media (min-width:%dpx){%s}" % (rng.choice([600, 768, 1024, 1280]), r)
            out.append(r)
            n += len(r)
        return "".join(out)

    def _js(self, rng, size):
        out, n = [], 0
        while n < size:
            f = _ident(rng)
            args = ",".join(_ident(rng) for _ in range(rng.randint(0, 3)))
            body = []
            for _ in range(rng.randint(2, 8)):
                a, b = _ident(rng), rng.choice(JS_WORDS)
                c = rng.choice(JS_WORDS)
                form = rng.randint(0, 4)
                if form == 0:
                    body.append("%s=%s.%s(%s)" % (a, _ident(rng), b, _ident(rng)))
                elif form == 1:
                    body.append("if(%s&&%s.%s)return %s" % (a, a, b, c))
                elif form == 2:
                    body.append('%s.%s("%s-%s",%d)' % (a, b, rng.choice(self.classes), _ident(rng, 4), rng.randint(0, 9999)))
                elif form == 3:
                    body.append("for(var %s=0;%s<%s.length;%s++)%s[%s]=%s" % (a, a, b, a, c, a, rng.randint(0, 99)))
                elif rng.random() < 0.3:
                    body.append('%s="%s"' % (a, _b64(rng, rng.randint(6, 16))))
                else:
                    body.append('%s.%s=function(%s){return %s.%s(%s)}' % (a, b, _ident(rng), c, rng.choice(JS_WORDS), _ident(rng)))
            s = "function %s(%s){%s}" % (f, args, ";".join(body))
            if rng.random() < 0.4:  # a bundler's module wrapper
                s = ('%d:function(e,t,n){"use strict";Object.defineProperty(t,"__esModule",{value:!0});'
                     'n.d(t,{%s:function(){return %s}});var %s=n(%d);%s}' % (rng.randint(100, 99999), _ident(rng), f,
                                                                        _ident(rng), rng.randint(100, 99999), s))
            out.append(s)
            n += len(s)
        return ";".join(out)

    def _menu(self, rng):
        items = []
        for sec in rng.sample(SECTIONS, rng.randint(8, 20)):
            subs = "".join('\n\t\t\t\t\t<li class="menu-item menu-item-type-taxonomy menu-item-object-category %s">'
                           '<a href="https://www.%s/%s/%s/" class="%s">%s</a></li>'
                           % (rng.choice(self.classes), self.host, _slug(sec), w, rng.choice(self.classes), w.capitalize())
                           for w in rng.sample(WORDS, rng.randint(2, 6)))
            items.append('\n\t\t\t<li class="menu-item menu-item-has-children %s"><a href="https://www.%s/%s/" '
                         'data-tracking="nav|%s">%s</a>\n\t\t\t\t<ul class="sub-menu">%s\n\t\t\t\t</ul>\n\t\t\t</li>'
                         % (rng.choice(self.classes), self.host, _slug(sec), _slug(sec), sec, subs))
        return ('<nav class="site-nav %s" aria-label="Main"><button class="menu-toggle" aria-expanded="false">Menu</button>'
                '<ul class="menu">%s</ul></nav>' % (rng.choice(self.classes), "".join(items)))

    def _footer(self, rng):
        cols = []
        for _ in range(rng.randint(4, 7)):
            links = "".join('\n\t\t\t\t<li><a href="https://www.%s/%s">%s</a></li>' % (self.host, _slug(s), s)
                            for s in rng.sample(SECTIONS, rng.randint(5, 12)))
            cols.append('<div class="footer-col %s"><h4>%s</h4><ul>%s</ul></div>'
                        % (rng.choice(self.classes), rng.choice(SECTIONS), links))
        return ('<footer class="site-footer">%s<p class="legal">&copy; 2025 %s. All rights reserved. '
                '<a href="/privacy">Privacy</a> <a href="/terms">Terms</a> <a href="/cookies">Cookie settings</a></p></footer>'
                % ("".join(cols), self.name))

    def _sprite(self, rng):
        syms = []
        for name in ["search", "menu", "close", "facebook", "twitter", "whatsapp", "mail", "play", "arrow", "user"]:
            d = "M%d %d" % (rng.randint(0, 24), rng.randint(0, 24)) + "".join(
                "%s%.2f %.2f" % (rng.choice("lLcCsSqQ"), rng.random() * 24, rng.random() * 24)
                for _ in range(rng.randint(8, 40)))
            syms.append('<symbol id="icon-%s" viewBox="0 0 24 24"><path d="%sz"/></symbol>' % (name, d))
        return '<svg xmlns="http://www.w3.org/2000/svg" style="display:none">%s</svg>' % "".join(syms)

    def img(self, rng, alt):
        h = _hex(rng, 32)
        srcset = ", ".join("%s/images/%s/%dx%d/%s.jpg?auto=webp&amp;quality=%d %dw"
                           % (self.cdn, h[:2], w, w * 9 // 16, h, rng.choice([60, 75, 85]), w)
                           for w in [320, 480, 640, 800, 1024, 1280])
        return ('<img loading="lazy" decoding="async" class="%s" src="%s/images/%s/640x360/%s.jpg" '
                'srcset="%s" sizes="(max-width: 768px) 100vw, 33vw" alt="%s" width="640" height="360">'
                % (rng.choice(self.classes), self.cdn, h[:2], h, srcset, alt))

    def teaser(self, rng):
        t = _headline(rng)
        url = "https://www.%s/%s/2025/%02d/%02d/%s-%d" % (self.host, _slug(rng.choice(SECTIONS)),
                                                       rng.randint(1, 12), rng.randint(1, 28), _slug(t), rng.randint(10**6, 10**7))
        return ('\n\t\t\t<div class="teaser %s" data-id="%d">\n\t\t\t\t<a href="%s" class="teaser__link" data-tracking="rail|%d">\n\t\t\t\t\t%s'
                '\n\t\t\t\t\t<span class="teaser__kicker">%s</span>\n\t\t\t\t\t<h3 class="teaser__title">%s</h3>\n\t\t\t\t</a>'
                '\n\t\t\t\t<time datetime="2025-%02d-%02dT%02d:%02d:00Z">%d hours ago</time>\n\t\t\t</div>'
                % (rng.choice(self.classes), rng.randint(10**6, 10**7), url, rng.randint(0, 99),
                   self.img(rng, t), rng.choice(SECTIONS), t, rng.randint(1, 12), rng.randint(1, 28),
                   rng.randint(0, 23), rng.randint(0, 59), rng.randint(1, 23)))

    def state(self, rng, size):
        """window.__INITIAL_STATE__: teasers, ids, config, as apps ship it."""
        items, n = [], 0
        while n < size:
            t = _headline(rng)
            it = ('{"id":"%d","type":"article","headline":"%s","slug":"%s","section":"%s","url":"/%s/%s",'
                  '"published":"2025-%02d-%02dT%02d:%02d:%02d.000Z","image":{"id":"%s","width":%d,"height":%d,'
                  '"caption":"%s","credit":"%s"},"authors":[{"id":%d,"name":"%s %s"}],"tags":[%s],'
                  '"premium":%s,"wordCount":%d,"commentCount":%d,"__typename":"Article","isLive":false,'
                  '"sponsor":null,"label":null,"format":{"display":"StandardDisplay","design":"ArticleDesign","theme":"NewsPillar"},'
                  '"links":{"self":"/api/content/%s","amp":null}}'
                  % (rng.randint(10**6, 10**7), t, _slug(t), rng.choice(SECTIONS), _slug(rng.choice(SECTIONS)), _slug(t),
                     rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59),
                     rng.randint(0, 59), _hex(rng, 12), rng.choice([1200, 1600, 2048]),
                     rng.choice([675, 900, 1152]), _headline(rng, 4, 8), _ident(rng, 6).capitalize(),
                     rng.randint(100, 99999), _ident(rng, 5).capitalize(), _ident(rng, 8).capitalize(),
                     ",".join('"%s"' % rng.choice(WORDS) for _ in range(rng.randint(1, 6))),
                     rng.choice(["true", "false"]), rng.randint(2, 30) * 100, rng.randint(0, 90), _slug(t)))
            items.append(it)
            n += len(it)
        return ('window.__INITIAL_STATE__={"config":{"env":"production","build":"%s","features":{%s}},'
                '"user":{"loggedIn":false,"segments":[]},"content":{"items":[%s]}};'
                % (_hex(rng, 40), ",".join('"%s":%s' % (_ident(rng, 8), rng.choice(["true", "false"])) for _ in range(30)),
                   ",".join(items)))


def dress(site, rng, html):
    """The article page html (bytes) as site serves it."""
    bust = _hex(rng, 10)
    head = ['<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="robots" content="max-image-preview:large">',
            '<meta name="description" content="%s">' % _headline(rng, 12, 24),
            '<meta name="twitter:card" content="summary_large_image">',
            '<meta name="twitter:site" content="@%s">' % site.host.split(".")[0],
            '<meta property="og:type" content="article">',
            '<meta property="og:image" content="%s/images/%s.jpg">' % (site.cdn, _hex(rng, 32)),
            '<meta property="article:section" content="%s">' % rng.choice(SECTIONS),
            '<meta name="parsely-metadata" content="{&quot;id&quot;:&quot;%s&quot;}">' % _hex(rng, 16)]
    for _ in range(rng.randint(3, 10)):
        head.append('<link rel="preload" as="%s" href="%s/%s.%s.%s" crossorigin>'
                    % (rng.choice(["script", "style", "font"]), site.cdn, _ident(rng, 6), _hex(rng, 20),
                       rng.choice(["js", "css", "woff2"])))
    for s in ["16x16", "32x32", "180x180", "192x192"]:
        head.append('<link rel="icon" sizes="%s" href="%s/icons/favicon-%s.png?v=%s">' % (s, site.cdn, s, bust))
    head.append('<link rel="alternate" type="application/rss+xml" title="%s" href="https://www.%s/feed/">' % (site.name, site.host))
    head.append("<style>%s</style>" % site.css)
    head.append("<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});"
                "var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;"
                "j.src='https://www.googletagmanager.example/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);"
                "})(window,document,'script','dataLayer','GTM-%s');</script>" % _hex(rng, 7).upper())
    head.append('<script>window.adConfig={"slots":[%s],"targeting":{"section":"%s","kw":[%s]},"refresh":%d};</script>'
                % (",".join('{"id":"ad-%s","sizes":[[300,250],[728,90],[970,250]],"path":"/%d/%s/%s"}'
                            % (_ident(rng, 5), rng.randint(10**7, 10**8), site.host, _ident(rng, 6)) for _ in range(rng.randint(4, 12))),
                   rng.choice(SECTIONS), ",".join('"%s"' % rng.choice(WORDS) for _ in range(8)), rng.randint(20, 90)))
    head.append('<script type="application/ld+json">{"@context":"https://schema.org","@type":"BreadcrumbList",'
                '"itemListElement":[{"@type":"ListItem","position":1,"name":"Home","item":"https://www.%s/"},'
                '{"@type":"ListItem","position":2,"name":"%s","item":"https://www.%s/%s/"}]}</script>'
                % (site.host, rng.choice(SECTIONS), site.host, _slug(rng.choice(SECTIONS))))
    head.append("<script>%s</script>" % site.js)
    top = [site.sprite,
           '<div id="cookie-consent" class="consent-banner" role="dialog"><p>We use cookies to personalise content '
           'and ads. <a href="/cookies">Learn more</a></p><button>Accept all</button><button>Manage</button></div>',
           '<div class="ad-slot ad-slot--leaderboard" id="ad-top-%s" data-ad-unit="/%d/%s/top"></div>'
           % (_ident(rng, 4), rng.randint(10**7, 10**8), site.host),
           '<header class="site-header"><a class="logo" href="/"><svg><use href="#icon-logo"></use></svg>%s</a>%s</header>'
           % (site.name, site.menu)]
    rail = "".join(site.teaser(rng) for _ in range(rng.randint(4, 16)))
    more = "".join(site.teaser(rng) for _ in range(rng.randint(2, 10)))
    bottom = ['<aside class="rail rail--most-read"><h2>Most read</h2>%s</aside>' % rail,
              '<section class="more-stories related"><h2>More stories</h2>%s</section>' % more,
              '<div class="ad-slot ad-slot--footer" data-ad-unit="/%d/%s/bottom"></div>' % (rng.randint(10**7, 10**8), site.host),
              site.footer,
              "<script>%s</script>" % site.state(rng, rng.randint(2000, 60000)),
              '<script src="%s/main.%s.js" defer></script>' % (site.cdn, _hex(rng, 20)),
              "<script>%s</script>" % site.tail_js]
    # the additions are ASCII: the page keeps its own charset
    head, top, bottom = ("\n".join(x).encode("ascii") for x in (head, top, bottom))
    i = html.find(b"</head>")
    html = html[:i] + head + html[i:] if i >= 0 else head + html
    j = html.find(b"<body")
    j = html.find(b">", j) + 1 if j >= 0 else len(head)
    html = html[:j] + top + html[j:]
    k = html.rfind(b"</body>")
    html = html[:k] + bottom + html[k:] if k >= 0 else html + bottom
    return html
