#!/usr/bin/env python3
"""build.py - renders corpus/src/*.txt into corpus/documents/ and writes
corpus/catalogue.csv (the documentalist's catalogue and the ground truth
for tagging).  PDFs go through render_pdf (Pango/Cairo); ODT, DOCX, PPTX,
XLSX, ODP and ODS are written as zip archives of their XML parts; HTML, RTF
and text directly; one text file is encoded in Windows-1252 on purpose.  The
legacy DOC, XLS and PPT are LibreOffice's conversions of the DOCX, XLSX and
PPTX this script would write (soffice, with a private profile).

A slide deck's source has one slide per block (first line its title, "- "
lines bullets); a spreadsheet's has one row per block (cells separated by
"|"), a block "## Name" starting a sheet whose first row is its header.

Usage: corpus/tools/build.py RENDER_PDF_BINARY
"""
import csv
import datetime
import html
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
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
    core = core_props(meta)
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


# ---- Slide decks and spreadsheets ------------------------------------------------

def slides_of(blocks):
    """[(title, [(bullet?, text)])], one per block."""
    out = []
    for b in blocks:
        lines = b.splitlines()
        body = [(l.startswith("- "), l[2:] if l.startswith("- ") else l) for l in lines[1:]]
        out.append((lines[0].lstrip("# ").strip(), body))
    return out


def sheets_of(blocks):
    """[(name, rows)]: a block "## Name" starts a sheet, others are rows."""
    out = []
    for b in blocks:
        if b.startswith("## "):
            out.append((b[3:].strip(), []))
        else:
            out[-1][1].append([c.strip() for c in b.split("|")])
    return out


def is_number(cell):
    return re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", cell) is not None


OOXML_CT = "application/vnd.openxmlformats-officedocument."
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def core_props(meta):
    x = html.escape
    return (XML_HEAD + '<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>%s</dc:title>'
            '<dc:subject>%s</dc:subject><dc:creator>%s</dc:creator><cp:keywords>%s</cp:keywords>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">%sT10:00:00Z</dcterms:created>'
            '</cp:coreProperties>' % (x(meta["Title"]), x(meta["Summary"]),
                                      x(meta["Authors"].replace(" | ", "; ")),
                                      x(meta["Keywords"]), meta["Date"]))


def app_props(inner):
    return (XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
            'docPropsVTypes">%s</Properties>' % inner)


def content_types(overrides):
    return (XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>%s'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
            'package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="'
            + OOXML_CT + 'extended-properties+xml"/></Types>') % "".join(
                '<Override PartName="/%s" ContentType="%s"/>' % o for o in overrides)


def relationships(rels):
    return (XML_HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships">%s</Relationships>') % "".join(
                '<Relationship Id="%s" Type="%s" Target="%s"/>' % r for r in rels)


def package_rels(main_part):
    return relationships([("rId1", REL + "officeDocument", main_part),
                          ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/"
                                   "metadata/core-properties", "docProps/core.xml"),
                          ("rId3", REL + "extended-properties", "docProps/app.xml")])


PML_NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
          'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
SLIDE_W, SLIDE_H = 12192000, 6858000  # 16:9, in EMU


def pml_shape(sp_id, name, ph, box, paras):
    (x0, y0, cx, cy) = box
    return ('<p:sp><p:nvSpPr><p:cNvPr id="%d" name="%s"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
            '</p:cNvSpPr><p:nvPr>%s</p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="%d" y="%d"/>'
            '<a:ext cx="%d" cy="%d"/></a:xfrm></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>%s'
            '</p:txBody></p:sp>' % (sp_id, name, ph, x0, y0, cx, cy, paras or "<a:p/>"))


def pml_tree(shapes):
    return ('<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
            '</p:nvGrpSpPr><p:grpSpPr/>%s</p:spTree></p:cSld>' % "".join(shapes))


TITLE_BOX = (838200, 365125, 10515600, 1325563)
BODY_BOX = (838200, 1825625, 10515600, 4351338)
CTR_TITLE_BOX = (1524000, 1122363, 9144000, 2387600)
SUBTITLE_BOX = (1524000, 3602038, 9144000, 1655762)


def pptx_theme():
    colours = [("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'),
               ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>')] + [
        (n, '<a:srgbClr val="%s"/>' % v) for n, v in
        [("dk2", "1F3864"), ("lt2", "E7E6E6"), ("accent1", "2E75B6"), ("accent2", "C55A11"),
         ("accent3", "548235"), ("accent4", "BF9000"), ("accent5", "7030A0"),
         ("accent6", "C00000"), ("hlink", "0563C1"), ("folHlink", "954F72")]]
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    font = '<a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/>'
    return (XML_HEAD + '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'name="Veille"><a:themeElements><a:clrScheme name="Veille">%s</a:clrScheme>'
            '<a:fontScheme name="Veille"><a:majorFont>%s</a:majorFont><a:minorFont>%s'
            '</a:minorFont></a:fontScheme><a:fmtScheme name="Veille"><a:fillStyleLst>%s'
            '</a:fillStyleLst><a:lnStyleLst>%s</a:lnStyleLst><a:effectStyleLst>%s'
            '</a:effectStyleLst><a:bgFillStyleLst>%s</a:bgFillStyleLst></a:fmtScheme>'
            '</a:themeElements></a:theme>' % (
                "".join("<a:%s>%s</a:%s>" % (n, v, n) for n, v in colours), font, font, fill * 3,
                ('<a:ln w="9525">%s</a:ln>' % fill) * 3,
                "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3, fill * 3))


def pptx(path, meta, blocks):
    x = html.escape
    slides = slides_of(blocks)

    def paras(lines, size):
        out = []
        for bullet, text in lines:
            ppr = ('<a:pPr marL="342900" indent="-342900"><a:buChar char="&#8226;"/></a:pPr>'
                   if bullet else '<a:pPr marL="0" indent="0"><a:buNone/></a:pPr>')
            out.append('<a:p>%s<a:r><a:rPr lang="fr-FR" sz="%d" dirty="0"/><a:t>%s</a:t></a:r>'
                       '</a:p>' % (ppr, size, x(text)))
        return "".join(out)

    members = []
    for n, (title, body) in enumerate(slides, 1):
        first = n == 1
        title_p = ('<a:p><a:r><a:rPr lang="fr-FR" sz="%d" b="1" dirty="0"/><a:t>%s</a:t></a:r>'
                   '</a:p>' % (4000 if first else 3200, x(title)))
        shapes = [pml_shape(2, "Titre 1", '<p:ph type="%s"/>' % ("ctrTitle" if first else "title"),
                            CTR_TITLE_BOX if first else TITLE_BOX, title_p),
                  pml_shape(3, "Espace réservé du texte 2",
                            '<p:ph type="%s" idx="1"/>' % ("subTitle" if first else "body"),
                            SUBTITLE_BOX if first else BODY_BOX,
                            paras(body, 2200 if first else 2000))]
        members.append(("ppt/slides/slide%d.xml" % n, XML_HEAD + '<p:sld %s>%s<p:clrMapOvr>'
                        '<a:masterClrMapping/></p:clrMapOvr></p:sld>' % (PML_NS, pml_tree(shapes))))
        members.append(("ppt/slides/_rels/slide%d.xml.rels" % n, relationships(
            [("rId1", REL + "slideLayout", "../slideLayouts/slideLayout1.xml")])))
    placeholders = [pml_shape(2, "Titre", '<p:ph type="title"/>', TITLE_BOX, ""),
                    pml_shape(3, "Texte", '<p:ph type="body" idx="1"/>', BODY_BOX, "")]
    master = (XML_HEAD + '<p:sldMaster %s><p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr '
              'val="bg1"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>%s</p:cSld><p:clrMap bg1="lt1" '
              'tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
              'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" '
              'hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId '
              'id="2147483649" r:id="rId1"/></p:sldLayoutIdLst><p:txStyles><p:titleStyle>'
              '<a:lvl1pPr><a:defRPr sz="3200"><a:solidFill><a:schemeClr val="tx2"/></a:solidFill>'
              '<a:latin typeface="+mj-lt"/></a:defRPr></a:lvl1pPr></p:titleStyle><p:bodyStyle>'
              '<a:lvl1pPr marL="342900" indent="-342900"><a:buChar char="&#8226;"/><a:defRPr '
              'sz="2000"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin '
              'typeface="+mn-lt"/></a:defRPr></a:lvl1pPr></p:bodyStyle><p:otherStyle><a:lvl1pPr>'
              '<a:defRPr/></a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>'
              % (PML_NS, pml_tree(placeholders)[len("<p:cSld>"):-len("</p:cSld>")]))
    layout = (XML_HEAD + '<p:sldLayout %s type="obj" preserve="1"><p:cSld name="Titre et contenu">'
              '%s</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>'
              % (PML_NS, pml_tree(placeholders)[len("<p:cSld>"):-len("</p:cSld>")]))
    presentation = (XML_HEAD + '<p:presentation %s saveSubsetFonts="1"><p:sldMasterIdLst>'
                    '<p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:sldIdLst>%s'
                    '</p:sldIdLst><p:sldSz cx="%d" cy="%d"/><p:notesSz cx="6858000" cy="9144000"/>'
                    '</p:presentation>' % (PML_NS, "".join(
                        '<p:sldId id="%d" r:id="rId%d"/>' % (255 + n, n + 2)
                        for n in range(1, len(slides) + 1)), SLIDE_W, SLIDE_H))
    pres_rels = relationships(
        [("rId1", REL + "slideMaster", "slideMasters/slideMaster1.xml"),
         ("rId2", REL + "theme", "theme/theme1.xml")] +
        [("rId%d" % (n + 2), REL + "slide", "slides/slide%d.xml" % n)
         for n in range(1, len(slides) + 1)])
    pml = OOXML_CT + "presentationml."
    types = content_types(
        [("ppt/presentation.xml", pml + "presentation.main+xml")] +
        [("ppt/slides/slide%d.xml" % n, pml + "slide+xml") for n in range(1, len(slides) + 1)] +
        [("ppt/slideMasters/slideMaster1.xml", pml + "slideMaster+xml"),
         ("ppt/slideLayouts/slideLayout1.xml", pml + "slideLayout+xml"),
         ("ppt/theme/theme1.xml", OOXML_CT + "theme+xml")])
    app = app_props("<Slides>%d</Slides>" % len(slides))
    parts = ([("[Content_Types].xml", types), ("_rels/.rels", package_rels("ppt/presentation.xml")),
              ("ppt/presentation.xml", presentation),
              ("ppt/_rels/presentation.xml.rels", pres_rels)] + members +
             [("ppt/slideMasters/slideMaster1.xml", master),
              ("ppt/slideMasters/_rels/slideMaster1.xml.rels", relationships(
                  [("rId1", REL + "slideLayout", "../slideLayouts/slideLayout1.xml"),
                   ("rId2", REL + "theme", "../theme/theme1.xml")])),
              ("ppt/slideLayouts/slideLayout1.xml", layout),
              ("ppt/slideLayouts/_rels/slideLayout1.xml.rels", relationships(
                  [("rId1", REL + "slideMaster", "../slideMasters/slideMaster1.xml")])),
              ("ppt/theme/theme1.xml", pptx_theme()),
              ("docProps/core.xml", core_props(meta)), ("docProps/app.xml", app)])
    write_zip(path, [(name, data, False) for name, data in parts])


def column_name(i):
    return chr(ord("A") + i)  # sheets here have at most 26 columns


def column_widths(rows):
    widths = []
    for row in rows:
        for i, cell in enumerate(row):
            if i == len(widths):
                widths.append(8)
            widths[i] = max(widths[i], min(len(cell) + 2, 80))
    return widths


def xlsx(path, meta, blocks):
    x = html.escape
    sheets = sheets_of(blocks)
    strings, index = [], {}
    worksheets = []
    for name, rows in sheets:
        xml_rows = []
        for r, row in enumerate(rows, 1):
            cells = []
            for c, cell in enumerate(row):
                ref = "%s%d" % (column_name(c), r)
                style = ' s="1"' if r == 1 else ""
                if cell == "":
                    continue
                if is_number(cell) and r > 1:
                    cells.append('<c r="%s"%s><v>%s</v></c>' % (ref, style, cell))
                else:
                    if cell not in index:
                        index[cell] = len(strings)
                        strings.append(cell)
                    cells.append('<c r="%s"%s t="s"><v>%d</v></c>' % (ref, style, index[cell]))
            xml_rows.append('<row r="%d">%s</row>' % (r, "".join(cells)))
        widths = column_widths(rows)
        worksheets.append(
            XML_HEAD + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
            'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<dimension ref="A1:%s%d"/><cols>%s</cols><sheetData>%s</sheetData></worksheet>' % (
                column_name(len(widths) - 1), len(rows),
                "".join('<col min="%d" max="%d" width="%d" customWidth="1"/>' % (i + 1, i + 1, w)
                        for i, w in enumerate(widths)), "".join(xml_rows)))
    n_refs = sum(1 for _, rows in sheets for row in rows[1:] for c in row
                 if c != "" and not is_number(c)) + sum(
                     1 for _, rows in sheets for c in rows[0] if c != "")
    shared = (XML_HEAD + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              'count="%d" uniqueCount="%d">%s</sst>' % (
                  n_refs, len(strings),
                  "".join('<si><t xml:space="preserve">%s</t></si>' % x(s) for s in strings)))
    workbook = (XML_HEAD + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<sheets>%s</sheets></workbook>' % "".join(
                    '<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (x(name), n, n)
                    for n, (name, _) in enumerate(sheets, 1)))
    k = len(sheets)
    wb_rels = relationships(
        [("rId%d" % n, REL + "worksheet", "worksheets/sheet%d.xml" % n) for n in range(1, k + 1)] +
        [("rId%d" % (k + 1), REL + "sharedStrings", "sharedStrings.xml"),
         ("rId%d" % (k + 2), REL + "styles", "styles.xml")])
    styles = (XML_HEAD + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
              'main"><fonts count="2"><font><sz val="10"/><name val="Arial"/></font><font><b/>'
              '<sz val="10"/><name val="Arial"/></font></fonts><fills count="2"><fill><patternFill '
              'patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
              '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
              'borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" '
              'fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" '
              'borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle '
              'name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
    sml = OOXML_CT + "spreadsheetml."
    types = content_types(
        [("xl/workbook.xml", sml + "sheet.main+xml")] +
        [("xl/worksheets/sheet%d.xml" % n, sml + "worksheet+xml") for n in range(1, k + 1)] +
        [("xl/sharedStrings.xml", sml + "sharedStrings+xml"), ("xl/styles.xml", sml + "styles+xml")])
    app = app_props('<HeadingPairs><vt:vector size="2" baseType="variant">'
                    '<vt:variant><vt:lpstr>Feuilles de calcul</vt:lpstr></vt:variant><vt:variant>'
                    '<vt:i4>%d</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts>'
                    '<vt:vector size="%d" baseType="lpstr">%s</vt:vector></TitlesOfParts>' % (
                        k, k, "".join("<vt:lpstr>%s</vt:lpstr>" % x(n) for n, _ in sheets)))
    parts = ([("[Content_Types].xml", types), ("_rels/.rels", package_rels("xl/workbook.xml")),
              ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", wb_rels)] +
             [("xl/worksheets/sheet%d.xml" % n, w) for n, w in enumerate(worksheets, 1)] +
             [("xl/sharedStrings.xml", shared), ("xl/styles.xml", styles),
              ("docProps/core.xml", core_props(meta)), ("docProps/app.xml", app)])
    write_zip(path, [(name, data, False) for name, data in parts])


ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def odf_package(path, media_type, meta, content, styles, statistic):
    x = html.escape
    authors = meta["Authors"].split(" | ")
    metaxml = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta %s '
               'office:version="1.2"><office:meta><dc:title>%s</dc:title>'
               '<dc:subject>%s</dc:subject><meta:keyword>%s</meta:keyword>'
               '<meta:initial-creator>%s</meta:initial-creator><dc:creator>%s</dc:creator>'
               '<meta:creation-date>%sT10:00:00</meta:creation-date>'
               '<meta:document-statistic %s/></office:meta></office:document-meta>' % (
                   ODF_NS, x(meta["Title"]), x(meta["Summary"]), x(meta["Keywords"]),
                   x(authors[0]), x(authors[-1]), meta["Date"], statistic))
    files = ["content.xml", "styles.xml", "meta.xml"]
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="%s"/>%s</manifest:manifest>' % (media_type, "".join(
                    '<manifest:file-entry manifest:full-path="%s" manifest:media-type="text/xml"/>'
                    % f for f in files)))
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    write_zip(path, [("mimetype", media_type, True), ("META-INF/manifest.xml", manifest, False),
                     ("content.xml", head + content, False), ("styles.xml", head + styles, False),
                     ("meta.xml", metaxml, False)])


def odp(path, meta, blocks):
    x = html.escape
    slides = slides_of(blocks)
    pages = []
    for n, (title, body) in enumerate(slides, 1):
        first = n == 1
        items = []
        for bullet, text in body:
            p = '<text:p text:style-name="%s">%s</text:p>' % ("P3" if first else "P2", x(text))
            items.append("<text:list><text:list-item>%s</text:list-item></text:list>" % p
                         if bullet else p)
        frame = ('<draw:frame presentation:class="%s" svg:x="%s" svg:y="%s" svg:width="%s" '
                 'svg:height="%s"><draw:text-box>%s</draw:text-box></draw:frame>')
        if first:
            shapes = (frame % ("title", "2.5cm", "3cm", "23cm", "4cm",
                               '<text:p text:style-name="P1">%s</text:p>' % x(title)) +
                      frame % ("subtitle", "2.5cm", "8cm", "23cm", "5cm", "".join(items)))
        else:
            shapes = (frame % ("title", "1.5cm", "0.8cm", "25cm", "2.6cm",
                               '<text:p text:style-name="P1">%s</text:p>' % x(title)) +
                      frame % ("outline", "1.5cm", "4cm", "25cm", "10.5cm", "".join(items)))
        pages.append('<draw:page draw:name="Diapositive %d" draw:master-page-name="Standard">%s'
                     '</draw:page>' % (n, shapes))
    content = ('<office:document-content %s office:version="1.2"><office:automatic-styles>'
               '<style:style style:name="P1" style:family="paragraph"><style:text-properties '
               'fo:font-size="32pt" fo:font-weight="bold"/></style:style>'
               '<style:style style:name="P2" style:family="paragraph"><style:text-properties '
               'fo:font-size="20pt"/></style:style>'
               '<style:style style:name="P3" style:family="paragraph"><style:paragraph-properties '
               'fo:text-align="center"/><style:text-properties fo:font-size="22pt"/></style:style>'
               '</office:automatic-styles><office:body><office:presentation>%s'
               '</office:presentation></office:body></office:document-content>'
               % (ODF_NS, "".join(pages)))
    styles = ('<office:document-styles %s office:version="1.2"><office:automatic-styles>'
              '<style:page-layout style:name="PM1"><style:page-layout-properties '
              'fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm" '
              'fo:margin-right="0cm" fo:page-width="28cm" fo:page-height="15.75cm" '
              'style:print-orientation="landscape"/></style:page-layout>'
              '</office:automatic-styles><office:master-styles><style:master-page '
              'style:name="Standard" style:page-layout-name="PM1"/></office:master-styles>'
              '</office:document-styles>' % ODF_NS)
    odf_package(path, "application/vnd.oasis.opendocument.presentation", meta, content, styles,
                'meta:page-count="%d"' % len(slides))


def ods(path, meta, blocks):
    x = html.escape
    sheets = sheets_of(blocks)
    tables = []
    n_cells = 0
    for name, rows in sheets:
        widths = column_widths(rows)
        cols = "".join('<table:table-column table:style-name="co%d_%d"/>' % (len(tables), i)
                       for i in range(len(widths)))
        xml_rows = []
        for r, row in enumerate(rows):
            cells = []
            for cell in row + [""] * (len(widths) - len(row)):
                style = ' table:style-name="ce1"' if r == 0 else ""
                if cell == "":
                    cells.append("<table:table-cell/>")
                    continue
                n_cells += 1
                if is_number(cell) and r > 0:
                    cells.append('<table:table-cell office:value-type="float" office:value="%s">'
                                 '<text:p>%s</text:p></table:table-cell>' % (cell, cell))
                else:
                    cells.append('<table:table-cell%s office:value-type="string"><text:p>%s'
                                 '</text:p></table:table-cell>' % (style, x(cell)))
            xml_rows.append("<table:table-row>%s</table:table-row>" % "".join(cells))
        tables.append('<table:table table:name="%s">%s%s</table:table>' % (
            x(name), cols, "".join(xml_rows)))
    col_styles = "".join(
        '<style:style style:name="co%d_%d" style:family="table-column"><style:table-column-'
        'properties style:column-width="%.2fcm"/></style:style>' % (t, i, 0.2 * w)
        for t, (_, rows) in enumerate(sheets) for i, w in enumerate(column_widths(rows)))
    content = ('<office:document-content %s office:version="1.2"><office:automatic-styles>%s'
               '<style:style style:name="ce1" style:family="table-cell"><style:text-properties '
               'fo:font-weight="bold"/></style:style></office:automatic-styles><office:body>'
               '<office:spreadsheet>%s</office:spreadsheet></office:body>'
               '</office:document-content>' % (ODF_NS, col_styles, "".join(tables)))
    styles = '<office:document-styles %s office:version="1.2"/>' % ODF_NS
    odf_package(path, "application/vnd.oasis.opendocument.spreadsheet", meta, content, styles,
                'meta:table-count="%d" meta:cell-count="%d"' % (len(sheets), n_cells))


# ---- RTF and the legacy binary formats -------------------------------------------------

def rtf_escape(s):
    out = []
    for ch in s:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            try:
                out.append("\\'%02x" % ch.encode("cp1252")[0])
            except UnicodeEncodeError:
                code = ord(ch)
                out.append("\\u%d?" % (code - 65536 if code > 32767 else code))
    return "".join(out)


def rtf(path, meta, blocks):
    e = rtf_escape
    date = datetime.date.fromisoformat(meta["Date"])
    lines = [r"{\rtf1\ansi\ansicpg1252\deff0\deflang1036",
             r"{\fonttbl{\f0\froman\fcharset0 Times New Roman;}{\f1\fswiss\fcharset0 Arial;}}",
             r"{\info{\title %s}{\author %s}{\creatim\yr%d\mo%d\dy%d\hr10\min0}{\subject %s}"
             r"{\keywords %s}}" % (e(meta["Title"]), e(meta["Authors"].replace(" | ", "; ")),
                                   date.year, date.month, date.day, e(meta["Summary"]),
                                   e(meta["Keywords"])),
             r"\paperw11906\paperh16838\margl1417\margr1417\margt1417\margb1417\uc1"]
    for b in blocks:
        if b.startswith("## "):
            lines.append(r"\pard\sb240\sa120\f1\b\fs26 %s\b0\par" % e(b[3:]))
        elif b.startswith("# "):
            lines.append(r"\pard\qc\sa240\f1\b\fs32 %s\b0\par" % e(b[2:]))
        elif b.startswith("- "):
            lines.append(r"\pard\li567\fi-283\sa60\f0\fs24 \bullet\tab %s\par" % e(b[2:]))
        else:
            lines.append(r"\pard\qj\sa120\f0\fs24 %s\par" % e(b))
    lines.append("}")
    with open(path, "w", encoding="ascii", newline="\r\n") as f:
        f.write("\n".join(lines) + "\n")


# Compound files (the container of DOC, XLS and PPT): read, then written again
# compactly (512-byte sectors, streams under 4096 bytes in the mini stream).
FREE, END_OF_CHAIN, FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def cfb_read(data):
    """([raw 128-byte directory entries], {entry index: stream bytes})."""
    size = 1 << struct.unpack_from("<H", data, 30)[0]
    mini = 1 << struct.unpack_from("<H", data, 32)[0]
    (n_fat, dir_start, _, cutoff, minifat_start, n_minifat, difat_start,
     _) = struct.unpack_from("<8I", data, 44)
    sector = lambda n: data[(n + 1) * size:(n + 2) * size]
    difat = list(struct.unpack_from("<109I", data, 76))
    while difat_start < FAT_SECTOR:
        sec = sector(difat_start)
        difat += struct.unpack_from("<%dI" % (size // 4 - 1), sec)
        difat_start = struct.unpack_from("<I", sec, size - 4)[0]
    fat = [e for n in difat[:n_fat] for e in struct.unpack("<%dI" % (size // 4), sector(n))]

    def chain(table, n):
        out = []
        while n < FAT_SECTOR:
            out.append(n)
            n = table[n]
        return out

    directory = b"".join(sector(n) for n in chain(fat, dir_start))
    entries = [bytearray(directory[i:i + 128]) for i in range(0, len(directory), 128)]
    root_start, root_size = struct.unpack_from("<IQ", entries[0], 116)
    ministream = b"".join(sector(n) for n in chain(fat, root_start))
    minifat = [e for n in chain(fat, minifat_start)[:n_minifat]
               for e in struct.unpack("<%dI" % (size // 4), sector(n))]
    streams = {}
    for i, e in enumerate(entries):
        if e[66] != 2:  # not a stream
            continue
        start, length = struct.unpack_from("<IQ", e, 116)
        if length < cutoff:
            body = b"".join(ministream[n * mini:(n + 1) * mini] for n in chain(minifat, start))
        else:
            body = b"".join(sector(n) for n in chain(fat, start))
        streams[i] = body[:length]
    return entries, streams


def cfb_write(entries, streams):
    size, mini, cutoff = 512, 64, 4096
    sectors, fat, minidata, minifat = [], [], bytearray(), []

    def place(body, unit, table, out):
        """Appends body in units to out, chained in table; returns its first unit."""
        n = (len(body) + unit - 1) // unit
        if n == 0:
            return END_OF_CHAIN
        first = len(table)
        table.extend(list(range(first + 1, first + n)) + [END_OF_CHAIN])
        out.append(body + b"\0" * (n * unit - len(body)))
        return first

    def place_sectors(body):
        chunks = []
        first = place(body, size, fat, chunks)
        for chunk in chunks:
            sectors.extend(chunk[i:i + size] for i in range(0, len(chunk), size))
        return first

    entries = [bytearray(e) for e in entries]
    for i, body in sorted(streams.items()):
        if len(body) >= cutoff:
            start = place_sectors(body)
        else:
            chunks = []
            start = place(body, mini, minifat, chunks)
            minidata.extend(b"".join(chunks))
        struct.pack_into("<IQ", entries[i], 116, start, len(body))
    struct.pack_into("<IQ", entries[0], 116, place_sectors(bytes(minidata)), len(minidata))
    minifat_start = place_sectors(b"".join(struct.pack("<I", e) for e in minifat))
    n_minifat = (len(minifat) * 4 + size - 1) // size
    while len(entries) % (size // 128):
        entries.append(bytearray(64) + struct.pack("<HBB3I", 0, 0, 0, FREE, FREE, FREE) +
                       bytes(48))
    dir_start = place_sectors(b"".join(entries))
    n_fat = 1
    while (len(sectors) + n_fat) * 4 > n_fat * size:
        n_fat += 1
    fat_at = list(range(len(sectors), len(sectors) + n_fat))
    fat.extend([FAT_SECTOR] * n_fat)
    fat.extend([FREE] * (n_fat * size // 4 - len(fat)))
    table = b"".join(struct.pack("<I", e) for e in fat)
    sectors.extend(table[i:i + size] for i in range(0, len(table), size))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) +
              struct.pack("<HHHHH6x9I", 0x3E, 3, 0xFFFE, 9, 6, 0, n_fat, dir_start, 0, cutoff,
                          minifat_start if minifat else END_OF_CHAIN, n_minifat, END_OF_CHAIN, 0) +
              b"".join(struct.pack("<I", n) for n in (fat_at + [FREE] * 109)[:109]))
    return header + b"".join(sectors)


def edit_properties(stream, drop=(), add=None):
    """A property set stream with, in its first section, the properties drop
    removed and add ({id: (VT type, packed value)}) added."""
    n_sections = struct.unpack_from("<I", stream, 24)[0]
    sections = []
    for k in range(n_sections):
        fmtid = stream[28 + 20 * k:44 + 20 * k]
        at = struct.unpack_from("<I", stream, 44 + 20 * k)[0]
        length, count = struct.unpack_from("<II", stream, at)
        props = sorted(struct.unpack_from("<II", stream, at + 8 + 8 * i) for i in range(count))
        bounds = sorted(off for _, off in props) + [length]
        values = {pid: stream[at + off:at + bounds[bounds.index(off) + 1]] for pid, off in props}
        if k == 0:
            for pid in drop:
                values.pop(pid, None)
            for pid, (vt, packed) in (add or {}).items():
                values[pid] = struct.pack("<I", vt) + packed
        sections.append((fmtid, values))
    out, bodies = [], []
    at = 28 + 20 * n_sections
    for fmtid, values in sections:
        ids = sorted(values)
        body, table = b"", b""
        off = 8 + 8 * len(ids)
        for pid in ids:
            v = values[pid] + b"\0" * (-len(values[pid]) % 4)
            table += struct.pack("<II", pid, off + len(body))
            body += v
        section = struct.pack("<II", 8 + len(table) + len(body), len(ids)) + table + body
        out.append(fmtid + struct.pack("<I", at))
        bodies.append(section)
        at += len(section)
    return stream[:24] + struct.pack("<I", n_sections) + b"".join(out) + b"".join(bodies)


SUMMARY, DOC_SUMMARY = "\x05SummaryInformation", "\x05DocumentSummaryInformation"
PID_PAGECOUNT, PID_THUMBNAIL, PID_SLIDECOUNT = 14, 17, 7  # MS-OLEPS
VT_I4 = 3


def stream_named(entries, name):
    for i, e in enumerate(entries):
        length = struct.unpack_from("<H", e, 64)[0]
        if e[66] == 2 and e[:max(length - 2, 0)].decode("utf-16-le") == name:
            return i
    raise KeyError(name)


LEGACY = {"doc": ("docx", "doc:MS Word 97"), "xls": ("xlsx", "xls:MS Excel 97"),
          "ppt": ("pptx", "ppt:MS PowerPoint 97")}


class LibreOffice:
    """Converts files with soffice, in a private profile, in a temporary folder.
    LibreOffice writes no page or slide count in the property sets and puts a
    442 KB thumbnail in a PPT's: the DOC gets its page count (as LibreOffice
    lays it out, in PDF), the PPT its slide count and no thumbnail."""

    def __init__(self):
        self.tmp = None

    def soffice(self, filt, src):
        if self.tmp is None:
            raise RuntimeError("no folder")
        run = subprocess.run(
            ["soffice", "-env:UserInstallation=file://" + os.path.join(self.tmp, "profile"),
             "--headless", "--convert-to", filt, "--outdir", self.tmp, src],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = os.path.splitext(src)[0] + "." + filt.split(":")[0]
        if run.returncode != 0 or not os.path.exists(out):
            sys.stderr.write(run.stdout.decode(errors="replace"))
            raise RuntimeError("soffice could not convert %s to %s" % (src, filt))
        return out

    def convert(self, path, meta, blocks, fmt):
        if self.tmp is None:
            self.tmp = tempfile.mkdtemp(prefix="veille-corpus-")
        src_fmt, filt = LEGACY[fmt]
        stem = os.path.splitext(os.path.basename(path))[0]
        src = os.path.join(self.tmp, stem + "." + src_fmt)
        WRITERS[src_fmt](src, meta, blocks)
        with open(self.soffice(filt, src), "rb") as f:
            data = f.read()
        if fmt in ("doc", "ppt"):
            entries, streams = cfb_read(data)
            summary, doc_summary = stream_named(entries, SUMMARY), stream_named(entries, DOC_SUMMARY)
            if fmt == "doc":
                with open(self.soffice("pdf", src), "rb") as f:
                    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", f.read()))
                streams[summary] = edit_properties(
                    streams[summary], add={PID_PAGECOUNT: (VT_I4, struct.pack("<i", pages))})
            else:
                streams[summary] = edit_properties(streams[summary], drop=(PID_THUMBNAIL,))
                streams[doc_summary] = edit_properties(
                    streams[doc_summary],
                    add={PID_SLIDECOUNT: (VT_I4, struct.pack("<i", len(blocks)))})
            data = cfb_write(entries, streams)
        with open(path, "wb") as f:
            f.write(data)

    def close(self):
        if self.tmp is not None:
            shutil.rmtree(self.tmp)

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
              "txt-cp1252": "txt", "pptx": "pptx", "xlsx": "xlsx", "odp": "odp", "ods": "ods",
              "rtf": "rtf", "doc": "doc", "xls": "xls", "ppt": "ppt"}
WRITERS = {"odt": odt, "docx": docx, "html": html_page, "pptx": pptx, "xlsx": xlsx, "odp": odp,
           "ods": ods, "rtf": rtf}


def main():
    render = sys.argv[1]
    os.makedirs(OUT, exist_ok=True)
    rows = []
    office = LibreOffice()
    for name in sorted(os.listdir(SRC)):
        if not name.endswith(".txt"):
            continue
        meta, blocks = read_source(os.path.join(SRC, name))
        fmt = meta["Format"]
        out_name = name[:-4] + "." + EXTENSIONS[fmt]
        out = os.path.join(OUT, out_name)
        if fmt == "pdf":
            subprocess.run([render, os.path.join(SRC, name), out], check=True)
        elif fmt in WRITERS:
            WRITERS[fmt](out, meta, blocks)
        elif fmt in LEGACY:
            office.convert(out, meta, blocks, fmt)
        else:
            text_file(out, meta, blocks, "cp1252" if fmt == "txt-cp1252" else "utf-8")
        date = datetime.date.fromisoformat(meta["Date"])
        # file times follow the document dates, as in a real collection
        ts = datetime.datetime(date.year, date.month, date.day, 12).timestamp()
        os.utime(out, (ts, ts))
        rows.append(["documents/" + out_name, meta["Title"], meta["Authors"], meta["Organisation"],
                     date.strftime("%d/%m/%Y"), meta["Type"], meta["Themes"], meta["Regions"],
                     meta["Url"], meta["Summary"]])
    office.close()
    with open(os.path.join(CORPUS, "catalogue.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(["Fichier", "Titre", "Auteurs", "Organisation", "Date", "Type", "Thèmes",
                    "Régions", "URL", "Résumé"])
        w.writerows(rows)
    print("%d documents in %s" % (len(rows), OUT))


if __name__ == "__main__":
    main()
