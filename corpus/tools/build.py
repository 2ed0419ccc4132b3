#!/usr/bin/env python3
"""build.py - renders corpus/src/*.txt into corpus/documents/ and writes
corpus/catalogue.csv (the documentalist's catalogue and the ground truth
for tagging).  PDFs go through render_pdf (Pango/Cairo); ODT and DOCX are
written as zip archives of their XML parts; HTML and text directly; one
text file is encoded in Windows-1252 on purpose.

Usage: corpus/tools/build.py RENDER_PDF_BINARY
"""
import csv
import datetime
import html
import os
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
SRC = os.path.join(CORPUS, "src")
OUT = os.path.join(CORPUS, "documents")
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # zip entry times, for reproducible files


def read_source(path):
    with open(path, encoding="utf-8") as f:
        head, body = f.read().split("\n---\n", 1)
    meta = dict(line.split(": ", 1) for line in head.splitlines())
    blocks = [b for b in body.split("\n\n") if b.strip()]
    return meta, blocks


def plain_text(meta, blocks):
    out = [meta["Title"], ""]
    for b in blocks:
        out.append(b.lstrip("# ").rstrip())
        out.append("")
    return "\n".join(out)


def write_zip(path, members):
    with zipfile.ZipFile(path, "w") as z:
        for name, data, stored in members:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


def odt(path, meta, blocks):
    x = html.escape
    paras = []
    for b in blocks:
        if b.startswith("## "):
            paras.append('<text:h text:outline-level="2">%s</text:h>' % x(b[3:]))
        elif b.startswith("# "):
            paras.append('<text:h text:outline-level="1">%s</text:h>' % x(b[2:]))
        else:
            paras.append("<text:p>%s</text:p>" % x(b))
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s '
               'office:version="1.2"><office:body><office:text>%s</office:text></office:body>'
               '</office:document-content>' % (ns, "".join(paras)))
    authors = meta["Authors"].split(" | ")
    metaxml = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta %s '
               'office:version="1.2"><office:meta><dc:title>%s</dc:title>'
               '<dc:subject>%s</dc:subject><meta:keyword>%s</meta:keyword>'
               '<meta:initial-creator>%s</meta:initial-creator><dc:creator>%s</dc:creator>'
               '<meta:creation-date>%sT10:00:00</meta:creation-date></office:meta>'
               '</office:document-meta>' % (ns, x(meta["Title"]), x(meta["Summary"]),
                                            x(meta["Keywords"]), x(authors[0]), x(authors[-1]),
                                            meta["Date"]))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    write_zip(path, [("mimetype", "application/vnd.oasis.opendocument.text", True),
                     ("META-INF/manifest.xml", manifest, False), ("content.xml", content, False),
                     ("meta.xml", metaxml, False)])


def docx(path, meta, blocks):
    x = html.escape
    paras = []
    for b in blocks:
        style = ""
        if b.startswith("## "):
            style, b = '<w:pPr><w:pStyle w:val="Heading2"/></w:pPr>', b[3:]
        elif b.startswith("# "):
            style, b = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>', b[2:]
        paras.append('<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (style, x(b)))
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document '
                'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                '<w:body>%s</w:body></w:document>' % "".join(paras))
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>%s</dc:title>'
            '<dc:subject>%s</dc:subject><dc:creator>%s</dc:creator><cp:keywords>%s</cp:keywords>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">%sT10:00:00Z</dcterms:created>'
            '</cp:coreProperties>' % (x(meta["Title"]), x(meta["Summary"]),
                                      x(meta["Authors"].replace(" | ", "; ")),
                                      x(meta["Keywords"]), meta["Date"]))
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types '
             'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/'
             'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
             '<Override PartName="/docProps/core.xml" ContentType="application/'
             'vnd.openxmlformats-package.core-properties+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
            'relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>')
    write_zip(path, [("[Content_Types].xml", types, False), ("_rels/.rels", rels, False),
                     ("word/document.xml", document, False), ("docProps/core.xml", core, False)])


def html_page(path, meta, blocks):
    x = html.escape
    body = []
    for b in blocks:
        if b.startswith("## "):
            body.append("<h2>%s</h2>" % x(b[3:]))
        elif b.startswith("# "):
            body.append("<h1>%s</h1>" % x(b[2:]))
        elif b.startswith("- "):
            body.append("<ul>%s</ul>" % "".join("<li>%s</li>" % x(l[2:]) for l in b.splitlines()))
        else:
            body.append("<p>%s</p>" % x(b))
    page = ('<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
            '<title>%s</title>\n<meta name="description" content="%s">\n'
            '<meta name="keywords" content="%s">\n<meta name="author" content="%s">\n'
            '<meta name="date" content="%s">\n<style>body{font-family:sans-serif}</style>\n'
            '<script>window.analytics = "not text";</script>\n</head>\n<body>\n'
            '<nav><a href="/">Accueil</a></nav>\n<main>\n%s\n</main>\n</body>\n</html>\n' % (
                x(meta["Title"]), x(meta["Summary"]), x(meta["Keywords"]),
                x(meta["Authors"].split(" | ")[0]), meta["Date"], "\n".join(body)))
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)


def text_file(path, meta, blocks, encoding):
    with open(path, "w", encoding=encoding, newline="\r\n" if encoding == "cp1252" else "\n") as f:
        f.write(plain_text(meta, blocks))


EXTENSIONS = {"pdf": "pdf", "odt": "odt", "docx": "docx", "html": "html", "txt": "txt",
              "txt-cp1252": "txt"}


def main():
    render = sys.argv[1]
    os.makedirs(OUT, exist_ok=True)
    rows = []
    for name in sorted(os.listdir(SRC)):
        if not name.endswith(".txt"):
            continue
        meta, blocks = read_source(os.path.join(SRC, name))
        fmt = meta["Format"]
        out_name = name[:-4] + "." + EXTENSIONS[fmt]
        out = os.path.join(OUT, out_name)
        if fmt == "pdf":
            subprocess.run([render, os.path.join(SRC, name), out], check=True)
        elif fmt == "odt":
            odt(out, meta, blocks)
        elif fmt == "docx":
            docx(out, meta, blocks)
        elif fmt == "html":
            html_page(out, meta, blocks)
        else:
            text_file(out, meta, blocks, "cp1252" if fmt == "txt-cp1252" else "utf-8")
        date = datetime.date.fromisoformat(meta["Date"])
        # file times follow the document dates, as in a real collection
        ts = datetime.datetime(date.year, date.month, date.day, 12).timestamp()
        os.utime(out, (ts, ts))
        rows.append(["documents/" + out_name, meta["Title"], meta["Authors"], meta["Organisation"],
                     date.strftime("%d/%m/%Y"), meta["Type"], meta["Themes"], meta["Regions"],
                     meta["Url"], meta["Summary"]])
    with open(os.path.join(CORPUS, "catalogue.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(["Fichier", "Titre", "Auteurs", "Organisation", "Date", "Type", "Thèmes",
                    "Régions", "URL", "Résumé"])
        w.writerows(rows)
    print("%d documents in %s" % (len(rows), OUT))


if __name__ == "__main__":
    main()
