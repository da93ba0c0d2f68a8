"""The XMP packet: the Info dictionary's entries with PDF/A-2, PDF/UA-1 and PDF/X-4 identification."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from html import escape as _escape

from brochure.caches import memo

#: `D:20261125120000+00'00'` as ReportLab writes the Info dictionary's dates.
PDF_DATE = re.compile(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:([+-])(\d{2})'(\d{2})'|Z)?")


@dataclass(frozen=True)
class Identification:
    """The standards a file claims, as its XMP says them."""

    #: PDF/A part and level (`2`, `A` or `U`); empty: no PDF/A claim.
    pdfa_part: str = "2"
    pdfa_conformance: str = "A"
    #: PDF/UA part (1).
    pdfua_part: str = "1"
    #: `PDF/X-4` for the press; empty otherwise.
    pdfx_version: str = ""
    #: `False` (the file is not trapped: the shop may trap it) for the press; empty otherwise.
    trapped: str = ""


#: PDF/A-2 allows only the properties of XMP's predefined schemas unless the file describes the
#: others in this extension schema: PDF/UA's identification (and PDF/X's, for the press).
_EXTENSION = """<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag>{schemas}</rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"""
_SCHEMA = """<rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>{name}</pdfaSchema:schema>
<pdfaSchema:namespaceURI>{uri}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>{prefix}</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>{property}</pdfaProperty:name>
<pdfaProperty:valueType>{kind}</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>{description}</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li>"""
PDFUA = ("PDF/UA Universal Accessibility Schema", "http://www.aiim.org/pdfua/ns/id/", "pdfuaid")
PDFX = ("PDF/X ID Schema", "http://www.npes.org/pdfx/ns/id/", "pdfxid")


def escape(text: str) -> str:
    """Text as XML character data (xml.sax.saxutils would import urllib for nothing)."""
    return _escape(text, quote=False)


def xmp_date(pdf_date: str) -> str:
    """`D:20261125120000+00'00'` -> `2026-11-25T12:00:00+00:00` (the same moment, as PDF/A asks)."""
    match = PDF_DATE.fullmatch(pdf_date)
    if match is None:
        return ""
    year, month, day, hour, minute, second, sign, zone_h, zone_m = match.groups()
    zone = f"{sign}{zone_h}:{zone_m}" if sign else "Z"
    return f"{year}-{month}-{day}T{hour}:{minute}:{second}{zone}"


@memo(maxsize=16)
def xmp_packet(info: tuple[tuple[str, str], ...], language: str, claim: Identification) -> bytes:
    """The XMP packet for an Info dictionary's entries (`/Title`, ...), in the file's language,
    claiming `claim`. Each Info entry has its XMP twin with the same value (PDF/A 6.6.2.3)."""
    values = dict(info)
    created, modified = xmp_date(values.get("/CreationDate", "")), xmp_date(values.get("/ModDate", ""))
    document_id = uuid.uuid5(uuid.NAMESPACE_URL, "brochure:" + repr(sorted(values.items())) + language)
    parts = [
        _description("dc", "http://purl.org/dc/elements/1.1/", _dublin_core(values, language)),
        _description(
            "xmp",
            "http://ns.adobe.com/xap/1.0/",
            _simple(xmp_CreatorTool=values.get("/Creator"), xmp_CreateDate=created, xmp_ModifyDate=modified)
            + _simple(xmp_MetadataDate=modified),
        ),
        _description(
            "pdf",
            "http://ns.adobe.com/pdf/1.3/",
            _simple(pdf_Producer=values.get("/Producer"), pdf_Keywords=values.get("/Keywords"))
            + _simple(pdf_Trapped=claim.trapped),
        ),
        _description(
            "xmpMM",
            "http://ns.adobe.com/xap/1.0/mm/",
            _simple(xmpMM_DocumentID=f"uuid:{document_id}", xmpMM_InstanceID=f"uuid:{document_id}")
            + (_simple(xmpMM_VersionID="1", xmpMM_RenditionClass="default") if claim.pdfx_version else ""),
        ),
        _description("pdfuaid", PDFUA[1], _simple(pdfuaid_part=claim.pdfua_part)),
    ]
    if claim.pdfa_part:
        ids = _simple(pdfaid_part=claim.pdfa_part, pdfaid_conformance=claim.pdfa_conformance)
        parts.append(_description("pdfaid", "http://www.aiim.org/pdfa/ns/id/", ids))
    schemas = [_schema(PDFUA, "part", "Integer", "Part of ISO 14289 the file conforms to")]
    if claim.pdfx_version:
        parts.append(_description("pdfxid", PDFX[1], _simple(pdfxid_GTS_PDFXVersion=claim.pdfx_version)))
        schemas.append(_schema(PDFX, "GTS_PDFXVersion", "Text", "Version of ISO 15930 the file conforms to"))
    parts.append(_EXTENSION.format(schemas="".join(schemas)))
    body = "\n".join(parts)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n{body}\n</rdf:RDF>\n'
        "</x:xmpmeta>\n" + (" " * 99 + "\n") * 20 + '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


def _dublin_core(values: dict[str, str], language: str) -> str:
    text = f"<dc:format>application/pdf</dc:format>\n<dc:language><rdf:Bag><rdf:li>{escape(language)}"
    text += "</rdf:li></rdf:Bag></dc:language>\n"
    if title := values.get("/Title"):
        text += (
            f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>\n'
        )
    if author := values.get("/Author"):
        text += f"<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>\n"
    if subject := values.get("/Subject"):
        text += '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
        text += f"{escape(subject)}</rdf:li></rdf:Alt></dc:description>\n"
    return text


def _simple(**properties: str | None) -> str:
    """`<prefix:Name>value</prefix:Name>` for each non-empty value (keyword `prefix_Name`)."""
    return "".join(
        f"<{key.replace('_', ':', 1)}>{escape(value)}</{key.replace('_', ':', 1)}>\n"
        for key, value in properties.items()
        if value
    )


def _description(prefix: str, uri: str, content: str) -> str:
    return f'<rdf:Description rdf:about="" xmlns:{prefix}="{uri}">\n{content}</rdf:Description>'


def _schema(schema: tuple[str, str, str], name: str, kind: str, description: str) -> str:
    title, uri, prefix = schema
    return _SCHEMA.format(
        name=title, uri=uri, prefix=prefix, property=name, kind=kind, description=description
    )
